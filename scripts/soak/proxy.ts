/**
 * A TCP proxy in front of the database, so that the soak (and the tests of outages) can cut the
 * database off from the server under test and restore it, as a network failure or a database
 * restart would, without stopping a PostgreSQL server others share: `cut()` destroys every
 * proxied connection at once (both ends see a reset) and then accepts new connections only to
 * destroy them (the server's connect attempts fail fast, as against a database that is
 * restarting), until `restore()` or the end of `cut(ms)`.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The port it listens on, on 127.0.0.1. */
  port: number;
  /** Connections proxied so far (each a client socket and its upstream socket). */
  readonly accepted: number;
  /** Connections open now. */
  readonly open: number;
  /** Whether it is refusing connections (during a cut). */
  readonly refusing: boolean;
  /**
   * Destroys every open connection and refuses new ones: for `ms`, resolving when it accepts
   * again; without `ms`, until `restore()`, resolving at once.
   */
  cut(ms?: number): Promise<void>;
  /** Accepts connections again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(upstream: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let accepted = 0;
  let refusing = false;
  let restoreTimer: NodeJS.Timeout | undefined;
  let restored: (() => void) | undefined;
  const restore = () => {
    clearTimeout(restoreTimer);
    refusing = false;
    restored?.();
    restored = undefined;
  };

  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    accepted++;
    const target = net.connect(upstream.port, upstream.host);
    const pair: [net.Socket, net.Socket] = [client, target];
    pairs.add(pair);
    // Whichever end fails or closes takes the other with it, as a broken link would.
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      target.destroy();
    };
    client.on('error', end).on('close', end);
    target.on('error', end).on('close', end);
    client.pipe(target);
    target.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    get refusing() {
      return refusing;
    },
    cut(ms?: number) {
      refusing = true;
      for (const [client, target] of pairs) {
        client.resetAndDestroy();
        target.resetAndDestroy();
      }
      pairs.clear();
      if (ms === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        restored = resolve;
        restoreTimer = setTimeout(restore, ms);
      });
    },
    async restore() {
      restore();
    },
    async close() {
      clearTimeout(restoreTimer);
      restored?.();
      refusing = true;
      for (const [client, target] of pairs) {
        client.destroy();
        target.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
