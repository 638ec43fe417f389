import { startApp } from './app.ts';
import { loadConfig } from './config.ts';

function oneLine(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `port ${(error as NodeJS.ErrnoException & { port?: number }).port ?? ''} is already in use; set PORT to a free port`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
}

try {
  const config = loadConfig();
  const app = await startApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`stancegraph: could not stop cleanly: ${oneLine(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (error) {
  console.error(`stancegraph: ${oneLine(error)}`);
  process.exit(1);
}
