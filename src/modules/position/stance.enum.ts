import { registerEnumType } from 'type-graphql';
import { Stance } from '../../generated/prisma/enums.ts';

export { Stance };

registerEnumType(Stance, {
  name: 'Stance',
  description:
    'The kind of diplomatic speech a position is, after the PLOVER event ontology (the successor of CAMEO), plus CONCERN and URGE, which PLOVER lacks.',
  valuesConfig: {
    SUPPORT: { description: 'Endorses, defends or justifies (PLOVER SUPPORT; CAMEO 051 praise or endorse, 052 defend verbally).' },
    OPPOSE: { description: 'Rejects or declares opposition (PLOVER REJECT; CAMEO 12x reject).' },
    CONCERN: { description: 'Voices worry without rejecting (not in PLOVER; CAMEO 012 make pessimistic comment).' },
    CRITICIZE: { description: 'Accuses, denounces or blames (PLOVER ACCUSE; CAMEO 111 criticize or denounce).' },
    URGE: { description: 'Calls on someone to act or to refrain (PLOVER REQUEST; CAMEO 10x demand, 02x appeal).' },
    COMMIT: { description: 'Agrees or pledges to act (PLOVER AGREE; CAMEO 03x express intent to cooperate, 057 sign agreement).' },
    THREATEN: { description: 'Warns of countermeasures (PLOVER THREATEN; CAMEO 13x threaten, 138 threaten with military force).' },
  },
});
