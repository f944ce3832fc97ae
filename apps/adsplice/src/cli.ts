// The adsplice command line. `adsplice --help` lists every command; each command's --help its options.
import { Command, Option } from 'commander';
import { AppError } from './errors.ts';
import { ENV, ROLES, resolveConfig, type ConfigInput } from './config.ts';
import { VERSION } from './version.ts';

export function buildCli(): Command {
  const program = new Command('adsplice')
    .description('adsplice: self-hosted dynamic ad insertion for live and VOD streaming (SCTE-35 origin, ad decision server, SSAI stitcher, dashboard).')
    .version(VERSION)
    .showHelpAfterError()
    .configureHelp({ showGlobalOptions: true });

  program
    .command('start')
    .description('Start the product: every role in one process on one port (embedded SQLite, in-memory sessions, demo channel and ads), or the roles you choose.')
    .addOption(new Option('--port <port>', 'HTTP port').env(ENV.port).default('8080'))
    .addOption(new Option('--host <host>', 'address to listen on').env(ENV.host).default('0.0.0.0'))
    .addOption(new Option('--data-dir <dir>', 'where the SQLite file, encoded media and creatives live').env(ENV.dataDir).default('./data'))
    .addOption(new Option('--database-url <url>', 'store: a SQLite file path (default <data-dir>/adsplice.db) or a postgres:// URL').env(ENV.databaseUrl))
    .addOption(new Option('--redis-url <url>', 'sessions, decisions and locks in Redis (default: in memory)').env(ENV.redisUrl))
    .addOption(new Option('--roles <roles>', `comma-separated roles to run: ${ROLES.join(', ')}, or "all"`).env(ENV.roles).default('all'))
    .addOption(new Option('--no-demo', `do not create the demo channel, ads and playback configuration (env ${ENV.demo}=false)`))
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env(ENV.logLevel).default('info'))
    .addOption(new Option('--retention-days <days>', 'keep analytics facts and stitcher events this many days').env(ENV.retentionDays).default('30'))
    .addOption(new Option('--config <file>', 'a JSON file of channels to create or update at start (see docs/configuration.md)').env(ENV.config))
    .action(async (opts: ConfigInput & { demo: boolean }, cmd: Command) => {
      // --no-demo is a flag only when given; otherwise the environment decides.
      const demoFromFlag = cmd.getOptionValueSource('demo') === 'cli' ? opts.demo : undefined;
      const config = resolveConfig({ ...opts, demo: demoFromFlag }, process.env, process.cwd());
      const { runUntilSignal } = await import('./start.ts');
      await runUntilSignal(config);
    });

  const scte35 = program.command('scte35').description('Decode and encode SCTE-35 splice_info_sections (base64, hex or the XML form).');
  scte35
    .command('decode')
    .description('Decode a cue given as base64 or hex (or "-" to read stdin) and print it as JSON with any issues; exits 1 on a fatal issue.')
    .argument('<cue>', 'base64 or hex (0x optional), or - for stdin')
    .option('--xml', 'print the SCTE-35 XML form (urn:scte:scte35:2013:xml) instead of JSON')
    .action(async (cue: string, opts: { xml?: boolean }) => {
      const { scte35Decode } = await import('./commands/scte35.ts');
      process.exitCode = scte35Decode(await readArg(cue), { xml: opts.xml === true, out: process.stdout, err: process.stderr });
    });
  scte35
    .command('encode')
    .description('Encode a cue given as JSON (the shape `decode` prints; derived fields optional) or as SCTE-35 XML, and print base64.')
    .argument('<cue>', 'JSON or XML text, or - for stdin')
    .option('--xml', 'read the input as SCTE-35 XML (also detected from a leading "<")')
    .action(async (cue: string, opts: { xml?: boolean }) => {
      const { scte35Encode } = await import('./commands/scte35.ts');
      process.exitCode = scte35Encode(await readArg(cue), { xml: opts.xml === true, out: process.stdout, err: process.stderr });
    });

  const manifest = program.command('manifest').description('Read HLS playlists and DASH MPDs: ad breaks in every marker dialect, lossless printing.');
  manifest
    .command('inspect')
    .description('Print the format, kind and ad breaks (avails) of a playlist or MPD as JSON, with any issues; exits 1 on a fatal issue.')
    .argument('<source>', 'a file path or an http(s) URL')
    .action(async (source: string) => {
      const { manifestInspect } = await import('./commands/manifest.ts');
      process.exitCode = await manifestInspect(source, { out: process.stdout, err: process.stderr, nowMs: Date.now() });
    });
  manifest
    .command('print')
    .description('Parse and print back a playlist (byte-identical for HLS) or an MPD (same document, normalised white space).')
    .argument('<source>', 'a file path or an http(s) URL')
    .action(async (source: string) => {
      const { manifestPrint } = await import('./commands/manifest.ts');
      process.exitCode = await manifestPrint(source, { out: process.stdout, err: process.stderr, nowMs: Date.now() });
    });

  program
    .command('validate')
    .description('Watch a live HLS stream (any origin, or a stitched session) over its refreshes and report every violation: media or discontinuity sequence going wrong, segments changing under one sequence number, durations over the target, unpaired ad markers, unreachable segments. Exits 1 on any.')
    .argument('<url>', 'a multivariant or media playlist URL')
    .option('--duration <seconds>', 'how long to watch', '60')
    .option('--interval <ms>', 'refresh interval (default: half the target duration)')
    .option('--no-segments', 'do not fetch each new segment')
    .option('--json', 'print the whole report as JSON')
    .action(async (url: string, opts: { duration: string; interval?: string; segments: boolean; json?: boolean }) => {
      const durationSec = Number(opts.duration);
      const intervalMs = opts.interval === undefined ? undefined : Number(opts.interval);
      if (!Number.isFinite(durationSec) || durationSec <= 0 || durationSec > 86_400) throw new AppError('CONFIG_INVALID', `--duration: expected seconds between 1 and 86400, got "${opts.duration}"`, { option: 'duration' });
      if (intervalMs !== undefined && (!Number.isInteger(intervalMs) || intervalMs < 100 || intervalMs > 60_000)) throw new AppError('CONFIG_INVALID', `--interval: expected milliseconds between 100 and 60000, got "${opts.interval}"`, { option: 'interval' });
      const { validate } = await import('./commands/validate.ts');
      process.exitCode = await validate(url, { durationSec, json: opts.json === true, checkSegments: opts.segments, ...(intervalMs === undefined ? {} : { intervalMs }) }, { out: process.stdout, err: process.stderr });
    });

  return program;
}

async function readArg(arg: string): Promise<string> {
  if (arg !== '-') return arg;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`adsplice: ${err.code}: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
