import { registerEnumType } from 'type-graphql';
import { ChangeAction } from '../../generated/prisma/enums.ts';

export { ChangeAction };

registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a change log entry records.',
  valuesConfig: {
    CREATE: { description: 'A record was created through a mutation (details: its values).' },
    UPDATE: { description: 'A record was changed (details: each changed field, from and to).' },
    DELETE: { description: 'A record was deleted (details: its last state, and what lost its reference to it).' },
    MERGE: { description: "A duplicate was merged into the record (details: the duplicate's last state and what moved)." },
    IMPORT: { description: 'An article was imported (details: what was created, matched and updated, and warnings).' },
    REVOKE: { description: 'An API key was revoked.' },
  },
});
