import { registerEnumType } from 'type-graphql';
import { DeploymentStatus } from '../../generated/prisma/enums.ts';

export { DeploymentStatus };

registerEnumType(DeploymentStatus, {
  name: 'DeploymentStatus',
  description: 'How far a deployment has gone, as the latest source states it.',
  valuesConfig: {
    PROPOSED: { description: 'Indicated, threatened or considered, but not agreed.' },
    ANNOUNCED: { description: 'Agreed and announced; not yet being installed.' },
    UNDER_CONSTRUCTION: { description: 'Being installed or moved into place.' },
    OPERATIONAL: { description: 'In place and operating.' },
    WITHDRAWN: { description: 'Cancelled or removed.' },
  },
});
