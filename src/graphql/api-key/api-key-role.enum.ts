import { registerEnumType } from 'type-graphql';
import { ApiKeyRole } from '../../generated/prisma/enums.ts';

export { ApiKeyRole };

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What an API key may do. Each role includes the ones before it.',
  valuesConfig: {
    READER: { description: 'Read the graph (a key is needed for that only when the server sets REQUIRE_AUTH_FOR_READ).' },
    EDITOR: { description: 'Read, and run every mutation that changes the graph, including articleImport.' },
    ADMIN: { description: 'Everything, plus managing API keys and reading the change log.' },
  },
});
