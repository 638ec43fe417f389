// @module-tag any-database
/** The live updates' settings (src/config.ts): defaults, and one clear line per unusable value. */
import { describe, expect, it } from 'vitest';
import { defaultSubscriptionSettings, loadConfig } from '../../src/config.ts';
import { configProblems } from '../support/config.ts';

describe('live updates settings', () => {
  it('default to no Redis and the documented bounds', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeNull();
    expect(config.subscriptions).toEqual(defaultSubscriptionSettings);
  });

  it('take a redis:// or rediss:// URL and whole numbers in range', () => {
    const config = loadConfig({ REDIS_URL: 'rediss://cache.internal:6380', SUBSCRIPTIONS_PER_CONNECTION_MAX: '5', LIVE_POLL_INTERVAL_MS: '0' });
    expect(config.redisUrl).toBe('rediss://cache.internal:6380');
    expect(config.subscriptions).toMatchObject({ maxSubscriptionsPerConnection: 5, pollIntervalMs: 0 });
  });

  it('refuse what they cannot use, naming the setting', () => {
    expect(configProblems({ REDIS_URL: 'http://cache:6379', WEBSOCKET_MAX_CONNECTIONS: 'many', SUBSCRIPTIONS_PER_CONNECTION_MAX: '0' }).sort()).toEqual([
      'REDIS_URL must be a redis:// or rediss:// URL, not http://…',
      'SUBSCRIPTIONS_PER_CONNECTION_MAX must be a whole number from 1 to 10000, got "0"',
      'WEBSOCKET_MAX_CONNECTIONS must be a whole number from 0 to 1000000, got "many"',
    ]);
  });
});
