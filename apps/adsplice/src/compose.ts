// Composition of the roles this process runs: opens the store, runs every service's migrations,
// builds each service with its adapters and mounts it on the server; creates the demo on first start.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from './errors.ts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { migrate, openDatabase, type Database } from '@adsplice/store';
import { build as buildOrigin, encodeProgramme, KyselyChannelRepository, originMigrations, type ChannelInput, type EncodeStatus } from '@adsplice/service-origin';
import type { Config } from './config.ts';
import type { Readiness } from './readiness.ts';
import type { Progress } from './progress.ts';

export interface Composed {
  database: Database;
  close(): Promise<void>;
}

export const DEMO_CHANNEL = { id: 'demo', name: 'adsplice demo', source: { kind: 'test' as const, durationSec: 60 } };

interface ConfigFile {
  channels?: ChannelInput[];
}

async function readConfigFile(file: string | undefined): Promise<ConfigFile> {
  if (!file) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `--config: cannot read ${file}: ${(err as Error).message}`, { option: 'config' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `--config: ${file} is not JSON: ${(err as Error).message}`, { option: 'config' });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new AppError('CONFIG_INVALID', `--config: ${file} must hold a JSON object`, { option: 'config' });
  const channels = (json as ConfigFile).channels;
  if (channels !== undefined && !Array.isArray(channels)) throw new AppError('CONFIG_INVALID', `--config: "channels" must be a list`, { option: 'config' });
  return json as ConfigFile;
}

export async function compose(app: FastifyInstance, config: Config, logger: Logger, readiness: Readiness, progress: Progress): Promise<Composed> {
  const store = readiness.add('store', 'opening');
  const database = await openDatabase(config.database.kind === 'sqlite' ? { kind: 'sqlite', file: config.database.file } : { kind: 'postgres', url: config.database.url });
  const applied = await migrate(database.db, originMigrations);
  if (applied.length > 0) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  store.ready();

  const clock = { now: () => Date.now() };
  const mediaDir = join(config.dataDir, 'media');

  if (config.roles.includes('origin')) {
    const demoCheck = config.demo ? readiness.add('demo-channel', 'encoding') : undefined;
    const lastLogged = new Map<string, number>();
    const onEncodeStatus = (channelId: string, status: EncodeStatus): void => {
      if (status.state === 'encoding') {
        progress.update(`encoding channel ${channelId}`, status.fraction);
        const step = Math.floor(status.fraction * 10);
        if (step !== lastLogged.get(channelId)) {
          lastLogged.set(channelId, step);
          logger.info({ channelId, fraction: status.fraction, rendition: status.rendition }, `encoding channel ${channelId}: ${Math.round(status.fraction * 100)}%`);
        }
        if (channelId === DEMO_CHANNEL.id) demoCheck?.pending(`encoding ${Math.round(status.fraction * 100)}%`);
      } else if (status.state === 'ready') {
        progress.done(`channel ${channelId} encoded`);
        logger.info({ channelId }, `channel ${channelId} ready`);
        if (channelId === DEMO_CHANNEL.id) demoCheck?.ready();
      } else {
        progress.done(`channel ${channelId} encode failed`);
        logger.error({ channelId, error: status.error }, `channel ${channelId} encode failed`);
        if (channelId === DEMO_CHANNEL.id) demoCheck?.fail(status.error);
      }
    };
    const origin = buildOrigin({
      repo: new KyselyChannelRepository(database.db, database.dialect),
      clock,
      encoder: { encode: (source, ladder, onProgress) => encodeProgramme(source, ladder, mediaDir, onProgress) },
      onEncodeStatus,
      onBreakPublished: (e) => logger.info(e, `break ${e.spliceEventId} on channel ${e.channelId} starts at ${new Date(e.actualStartMs).toISOString()} (scheduled ${new Date(e.expectedStartMs).toISOString()}, offset ${e.offsetMs} ms)`),
    });
    await app.register(origin.plugin);
    // Every stored channel starts encoding (or loads its cached encode) at start.
    await app.ready();
    if (config.demo) await origin.ensureChannel(DEMO_CHANNEL);
    for (const c of (await readConfigFile(config.configFile)).channels ?? []) {
      const channel = await origin.upsertChannel(c).catch((err: Error & { code?: string }) => {
        throw new AppError('CONFIG_INVALID', `--config: ${err.message}`, { option: 'config' });
      });
      logger.info({ channelId: channel.id }, `channel ${channel.id} applied from ${config.configFile}`);
    }
    for (const c of await new KyselyChannelRepository(database.db, database.dialect).list()) if (c.id !== DEMO_CHANNEL.id) await origin.ensureChannel(c);
  }

  return {
    database,
    close: () => database.close(),
  };
}
