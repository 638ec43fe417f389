import { ConfigErrors, loadConfig } from '../../src/config.ts';

/** What `loadConfig` refuses in `env`, one line per problem; none when it accepts it. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigErrors) return error.problems;
    throw error;
  }
}
