import { PayloadType } from '../mutation.ts';
import { ApiKey } from './api-key.type.ts';

export const ApiKeyCreatePayload = PayloadType('apiKeyCreate', {
  apiKey: [() => ApiKey, 'The key created; null when there are userErrors.'],
  key: [() => String, 'The key itself, to send as "Authorization: Bearer <key>". Shown only here, only once: it cannot be read again.'],
});

export const ApiKeyRevokePayload = PayloadType('apiKeyRevoke', {
  apiKey: [() => ApiKey, 'The key, now revoked; null when there are userErrors.'],
});
