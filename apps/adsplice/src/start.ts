// `adsplice start`: reads the configuration, builds the server, listens, and shuts down
// gracefully on SIGINT/SIGTERM (readiness goes false, in-flight requests finish, then exit).
import { mkdir } from 'node:fs/promises';
import { pino } from 'pino';
import { describeConfig, type Config } from './config.ts';
import { buildServer } from './server.ts';
import { compose } from './compose.ts';
import { terminalProgress } from './progress.ts';
import { VERSION } from './version.ts';
import { selfBaseUrl } from './demo.ts';
import type { AddressInfo } from 'node:net';

export interface Started {
  address: string;
  close(): Promise<void>;
}

export async function start(config: Config): Promise<Started> {
  const logger = pino({ level: config.logLevel, base: { service: 'adsplice' } });
  await mkdir(config.dataDir, { recursive: true });
  const { app, readiness, metrics } = buildServer({ config, logger, version: VERSION });
  const http = readiness.add('http', 'binding');
  const composed = await compose(app, config, logger, readiness, terminalProgress(), undefined, metrics);

  const address = await app.listen({ port: config.port, host: config.host });
  http.ready();
  composed.start(selfBaseUrl(app.server.address() as AddressInfo));
  logger.info({ address, config: describeConfig(config) }, `adsplice ${VERSION} listening on ${address}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      readiness.beginShutdown();
      logger.info('shutting down');
      await composed.stop();
      await app.close();
      await composed.close();
      logger.info('stopped');
      logger.flush();
    })();
    return closing;
  };
  return { address, close };
}

/** Runs until a signal; a second signal forces the exit. */
export async function runUntilSignal(config: Config): Promise<void> {
  const server = await start(config);
  await new Promise<void>((resolveDone) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        process.exit(130);
      }
      signalled = true;
      void server.close().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolveDone();
      }, (err: unknown) => {
        console.error(`adsplice: shutdown after ${signal} failed:`, err);
        process.exit(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
