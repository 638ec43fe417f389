import { ChangeAction } from '../../generated/prisma/enums.ts';
import { enumType } from '../enum-type.ts';

export { ChangeAction };

/** The ChangeAction enum type. */
export const ChangeActionEnum = enumType({
  name: 'ChangeAction',
  description: 'What a change log entry records.',
  values: {
    CREATE: 'A record was created through a mutation (details: its values).',
    UPDATE: 'A record was changed (details: each changed field, from and to).',
    DELETE: 'A record was deleted (details: its last state, and what lost its reference to it).',
    MERGE: "A duplicate was merged into the record (details: the duplicate's last state and what moved).",
    IMPORT: 'An article was imported (details: what was created, matched and updated, and warnings).',
    REVOKE: 'An API key was revoked.',
  },
});
