// Origin: cost of one live media playlist build, and media-playlist requests per second served by
// one origin process with 3 breaks in the window (autocannon on loopback), next to a bare Node
// http server answering the same bytes (the ceiling).
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { build, encodeProgramme, MemoryChannelRepository, type Rendition } from '@adsplice/service-origin';
import { mediaPlaylist } from '../services/origin/src/hls-output.ts';
import { compare, type SuiteResult } from './harness.ts';
import { load } from './load.ts';

const ladder: Rendition[] = [
  { id: '720p', width: 320, height: 180, videoBitrate: 300_000, audioBitrate: 64_000 },
  { id: '360p', width: 160, height: 90, videoBitrate: 150_000, audioBitrate: 64_000 },
];

export default async function bench(): Promise<SuiteResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-bench-origin-'));
  const epochMs = Date.UTC(2026, 0, 1);
  let now = epochMs + 3600_000 + 500;
  const clock = { now: () => now };
  const origin = build({ repo: new MemoryChannelRepository(), clock, encoder: { encode: (s, l, p, signal) => encodeProgramme(s, l, dir, p, signal) } }, { defaultLadder: ladder });
  const app = Fastify({ logger: false });
  await app.register(origin.plugin);
  try {
    now = epochMs;
    const channel = await origin.ensureChannel({ id: 'bench', name: 'Bench', source: { kind: 'test', durationSec: 60 }, segmentSeconds: 6, windowSeconds: 60, leadTimeSeconds: 10 });
    await origin.runtime.ensureProgramme(channel);
    // Three breaks inside the 60 s window ending at epoch + 1 h.
    now = epochMs + 3000_000;
    const at = (s: number) => new Date(epochMs + 3600_000 - s * 1000).toISOString();
    const actions = [50, 32, 14].map((s, i) => ({ ActionName: `b${i}`, ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: at(s) } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 100 + i, Duration: 10 * 90000 } } }));
    const put = await app.inject({ method: 'PUT', url: '/api/channels/bench/schedule', payload: { Creates: { ScheduleActions: actions } } });
    if (put.statusCode !== 200) throw new Error(put.body);
    now = epochMs + 3600_000 + 500;
    origin.runtime.invalidate('bench');
    const view = await origin.runtime.view('bench');
    const window = view.timeline.window(now);
    const text = mediaPlaylist(view.channel, '720p', window, (sec) => 133200 + (sec % 60) * 90000);
    const cueCount = (text.match(/#EXT-X-CUE-OUT[:-]/g) ?? []).length;

    const buildRows = await compare([
      { name: 'window + media playlist (3 breaks, 10 segments)', fn: () => mediaPlaylist(view.channel, '720p', view.timeline.window(now), (sec) => 133200 + (sec % 60) * 90000) },
      { name: 'window only', fn: () => view.timeline.window(now) },
    ]);

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = (await app.inject('/origin/bench/720p.m3u8')).body;
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'max-age=3' });
      res.end(body);
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const barePort = (bare.address() as { port: number }).port;
    // Alternate the two, three rounds of 4 s each, and keep each one's best round: the machine is
    // shared, and a quiet moment should not favour either side.
    const rounds: { ours: Awaited<ReturnType<typeof load>>; ceiling: Awaited<ReturnType<typeof load>> }[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push({ ceiling: await load(`http://127.0.0.1:${barePort}/`, { connections: 100, seconds: 4 }), ours: await load(`${address}/origin/bench/720p.m3u8`, { connections: 100, seconds: 4 }) });
    }
    const best = (k: 'ours' | 'ceiling') => rounds.map((r) => r[k]).sort((a, b) => b.rps - a.rps)[0]!;
    const ours = best('ours');
    const ceiling = best('ceiling');
    await new Promise<void>((r) => bare.close(() => r()));

    return [
      {
        title: 'Origin: live media playlist build',
        unit: 'compute the live window (from epoch, programme loop and 3 breaks) and write the media playlist with Elemental CUE-OUT/CONT/IN tags and encoded splice_inserts',
        rows: buildRows,
        notes: [`the playlist: ${text.split('\n').length} lines, ${cueCount} CUE-OUT/CONT tags, ${text.length} bytes`, 'no goal was set for the build alone; requests below are served from a per-live-edge cache, rebuilt once per segment'],
      },
      {
        title: 'Origin: media playlist requests per second (one origin process; autocannon in another, 100 connections, best of 3 alternating rounds of 4 s, loopback)',
        unit: 'GET /origin/{channel}/{rendition}.m3u8 with 3 breaks in the window',
        rows: [
          { name: 'adsplice origin (Fastify, no request logging)', opsPerSec: ours.rps, usPerOp: ours.p50Ms * 1000, p99Us: ours.p99Ms * 1000, samples: 3 },
          { name: 'bare node:http, same bytes (ceiling)', opsPerSec: ceiling.rps, usPerOp: ceiling.p50Ms * 1000, p99Us: ceiling.p99Ms * 1000, samples: 3 },
        ],
        notes: [
          `adsplice / ceiling = ${(ours.rps / ceiling.rps).toFixed(2)}x; goal ≥ 10,000 requests/s on one core: ${ours.rps >= 10_000 ? 'met' : 'NOT met'} (${Math.round(ours.rps)}/s)`,
          `errors: ${rounds.reduce((n, r) => n + r.ours.errors, 0)}, non-2xx: ${rounds.reduce((n, r) => n + r.ours.non2xx, 0)} over all rounds; the µs/op columns are p50 and p99 latency of the best round, not CPU per request; samples = rounds`,
          'autocannon runs in a second process; the server is one Node process (one core for JavaScript)',
        ],
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
