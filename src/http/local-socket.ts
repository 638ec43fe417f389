/**
 * The local channel of a server on the embedded database: PGlite lets one process open its data
 * directory, so while the server runs, the CLI commands that need the database (`key:create`,
 * `import`, `db:seed`, and `extract` for the names the graph knows) hand their work to it over a Unix domain socket inside the data directory,
 * `<dataDir>/stancegraph.sock`, which only the machine's user who runs the server can open (mode
 * 0600). The work goes through the same functions and the same write transaction as in the CLI's
 * own process (src/data/write.ts), so subscribers see it as they see any write.
 *
 * The protocol: JSON lines. The client sends one request per line and reads one answer per line,
 * in order, on one connection (an import sends one request per article).
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createApiKey } from '../data/api-keys.ts';
import type { Gazetteer } from '../data/extraction/extract.ts';
import { loadGazetteer } from '../data/extraction/graph-gazetteer.ts';
import { importArticle, type ImportOutcome, type ImportReport } from '../data/import/importer.ts';
import { seedDatabase } from '../data/import/seed.ts';
import { write } from '../data/write.ts';
import type { UserErrorData } from '../data/user-errors.ts';
import { ApiKeyRole } from '../generated/prisma/enums.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';

/** The socket's file name in the data directory. */
export const LOCAL_SOCKET_FILE = 'stancegraph.sock';

export const localSocketPath = (dataDir: string) => path.join(dataDir, LOCAL_SOCKET_FILE);

export type LocalRequest =
  | { command: 'key:create'; name: string; role: ApiKeyRole }
  | { command: 'import'; document: unknown; actor: string }
  | { command: 'seed'; document: unknown }
  | { command: 'gazetteer' };

export type LocalAnswer =
  | { command: 'key:create'; ok: true; apiKey: { name: string; role: string; prefix: string }; key: string }
  | { command: 'key:create'; ok: false; userErrors: UserErrorData[] }
  | { command: 'import'; outcome: ImportOutcome }
  | { command: 'seed'; report: ImportReport }
  | { command: 'gazetteer'; gazetteer: Gazetteer }
  /** The work failed: the message the CLI prints, as it would print it had it done the work. */
  | { error: string };

async function answer(writer: PrismaClient, request: LocalRequest): Promise<LocalAnswer> {
  switch (request.command) {
    case 'key:create': {
      if (typeof request.name !== 'string' || !(request.role in ApiKeyRole)) return { error: 'key:create needs a name and a role' };
      const result = await write(writer, 'cli', (w) => createApiKey(w, { name: request.name, role: request.role }));
      if (!result.ok) return { command: 'key:create', ok: false, userErrors: result.userErrors };
      const { apiKey, key } = result.value;
      return { command: 'key:create', ok: true, apiKey: { name: apiKey.name, role: apiKey.role, prefix: apiKey.prefix }, key };
    }
    case 'import':
      return { command: 'import', outcome: await importArticle(writer, request.document, { actor: request.actor || 'cli' }) };
    case 'seed':
      return { command: 'seed', report: await seedDatabase(writer, request.document) };
    case 'gazetteer':
      return { command: 'gazetteer', gazetteer: await loadGazetteer(writer) };
    default:
      return { error: `unknown command ${JSON.stringify((request as { command?: unknown }).command)}` };
  }
}

export interface LocalSocketServer {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on `<dataDir>/stancegraph.sock` (mode 0600; a file left by a process that is gone is
 * replaced: the caller holds the data directory's lock) and does the work it is sent with
 * `writer`. `close` stops listening and removes the file.
 */
export async function listenLocalSocket(dataDir: string, writer: PrismaClient, log: Logger): Promise<LocalSocketServer> {
  const socketPath = localSocketPath(dataDir);
  if (existsSync(socketPath)) unlinkSync(socketPath);
  const connections = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    socket.on('error', () => undefined);
    void (async () => {
      for await (const line of createInterface({ input: socket, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        let reply: LocalAnswer;
        try {
          const request = JSON.parse(line) as LocalRequest;
          reply = await answer(writer, request);
          log.info({ command: request.command }, `local socket: ${request.command}`);
        } catch (error) {
          reply = { error: error instanceof Error ? error.message : String(error) };
          log.warn({ err: error }, 'local socket: a command failed');
        }
        if (socket.writable) socket.write(`${JSON.stringify(reply)}\n`);
      }
    })().catch(() => socket.destroy());
  });
  // Created with no access for others: the umask covers the moment between bind and chmod.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(socketPath, 0o600);
  log.info({ socket: socketPath }, `CLI commands reach this server at ${socketPath}`);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => {
          if (existsSync(socketPath)) unlinkSync(socketPath);
          resolve();
        });
      }),
  };
}

/** A connection to a running server's local socket: `send` one request, get its answer. */
export interface LocalClient {
  socketPath: string;
  send<C extends LocalRequest['command']>(request: Extract<LocalRequest, { command: C }>): Promise<Extract<LocalAnswer, { command: C }>>;
  close(): void;
}

/** The message of a failed request (`{ error }`), thrown by `LocalClient.send`. */
export class LocalCommandError extends Error {}

/**
 * Connects to the local socket of the server running on `dataDir`, or returns null when none
 * answers (no file, or a file left by a server that is gone): then the CLI opens the database
 * itself.
 */
export async function connectLocalSocket(dataDir: string): Promise<LocalClient | null> {
  const socketPath = localSocketPath(dataDir);
  if (!existsSync(socketPath)) return null;
  const socket = await new Promise<Socket | null>((resolve) => {
    const s = createConnection(socketPath);
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(null));
  });
  if (!socket) return null;
  const pending: Array<{ resolve: (answer: LocalAnswer) => void; reject: (error: Error) => void }> = [];
  let closed = false;
  const fail = (error: Error) => {
    closed = true;
    for (const p of pending.splice(0)) p.reject(error);
  };
  socket.on('error', (error) => fail(new LocalCommandError(`the server's socket ${socketPath} failed: ${error.message}`)));
  socket.on('close', () => fail(new LocalCommandError(`the server at ${socketPath} closed the connection (it may have stopped)`)));
  const lines = createInterface({ input: socket, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const next = pending.shift();
    if (!next) return;
    try {
      next.resolve(JSON.parse(line) as LocalAnswer);
    } catch (error) {
      next.reject(new LocalCommandError(`the server at ${socketPath} answered something that is not JSON: ${(error as Error).message}`));
    }
  });
  return {
    socketPath,
    send(request) {
      if (closed) return Promise.reject(new LocalCommandError(`the server at ${socketPath} closed the connection (it may have stopped)`));
      return new Promise((resolve, reject) => {
        pending.push({
          resolve: (reply) => {
            if ('error' in reply) reject(new LocalCommandError(reply.error));
            else resolve(reply as never);
          },
          reject,
        });
        socket.write(`${JSON.stringify(request)}\n`);
      });
    },
    close() {
      closed = true;
      socket.end();
    },
  };
}
