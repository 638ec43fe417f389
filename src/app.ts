import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { openDatabase, describeTarget, type DatabaseTarget } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { seedDatabase } from './db/seed.ts';
import { buildGraphQLSchema } from './graphql/schema.ts';
import { createGraphQLHttpServer, graphqlPath } from './http/server.ts';

export interface AppOptions {
  database: DatabaseTarget;
  port: number;
  host?: string;
  reportSqlStatements?: boolean;
  log?: (line: string) => void;
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, brings its schema up to date, seeds a new one, and serves the API. */
export async function startApp({ database, port, host, reportSqlStatements = false, log = console.log }: AppOptions): Promise<RunningApp> {
  const db = await openDatabase(database);
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    if ((await db.prisma.article.count()) === 0) {
      const report = await seedDatabase(db.prisma);
      log(`new database: loaded the seed data (${JSON.stringify(report)})`);
    }
    const schema = await buildGraphQLSchema();
    const { server, apollo } = await createGraphQLHttpServer(schema, db.prisma, { reportSqlStatements });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const url = `http://${host ?? 'localhost'}:${address.port}${graphqlPath}`;
    log(`stancegraph serves ${url} on ${describeTarget(database)}`);
    return {
      url,
      async stop() {
        await apollo.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
