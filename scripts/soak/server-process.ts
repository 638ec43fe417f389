/**
 * The server under test, as a child process (the bundled build, as `npm start` runs it) on a fixed port, so
 * that it can be stopped with SIGTERM and started again at the same address while the clients go
 * on. Its log is appended to a file (the soak prints the path).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { projectRoot } from '../../src/project-root.ts';
import { compiledPath } from '../compiled-build.ts';

export class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private readonly log: WriteStream;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts it and waits until it serves; rejects (with its last output) when it exits first. */
  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, [compiledPath('src/main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, PGLITE_DATA_DIR: '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    let tail = '';
    const keep = (chunk: Buffer) => {
      this.log.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.log.write(`--- soak: started the server (pid ${child.pid}) at ${new Date().toISOString()}\n`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not start within ${timeoutMs} ms: ${tail.trim().split('\n').at(-1) ?? ''}`));
      }, timeoutMs);
      const check = () => {
        if (/stancegraph serves http/.test(tail)) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        }
      };
      child.stdout.on('data', check);
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with code ${code} before serving: ${tail.trim().split('\n').at(-1) ?? ''}`));
      });
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited after `killAfterMs`. Resolves to how it ended. */
  async stop(killAfterMs: number): Promise<'exited' | 'killed'> {
    const child = this.child;
    if (!child || !this.running) return 'exited';
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), killAfterMs);
      }),
    ]);
    clearTimeout(timer);
    if (killed) {
      child.kill('SIGKILL');
      await this.exited;
    }
    this.log.write(`--- soak: the server (pid ${child.pid}) ${killed ? 'did not stop in time: killed' : 'stopped'} at ${new Date().toISOString()}\n`);
    return killed ? 'killed' : 'exited';
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }
}
