import { ApiKeyRole } from '../../generated/prisma/enums.ts';
import { enumType } from '../enum-type.ts';

export { ApiKeyRole };

/** The ApiKeyRole enum type. */
export const ApiKeyRoleEnum = enumType({
  name: 'ApiKeyRole',
  description: 'What an API key may do. Each role includes the ones before it.',
  values: {
    READER: 'Read the graph (a key is needed for that only when the server sets REQUIRE_AUTH_FOR_READ).',
    EDITOR: 'Read, and run every mutation that changes the graph, including articleImport.',
    ADMIN: 'Everything, plus managing API keys and reading the change log.',
  },
});
