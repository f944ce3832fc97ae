// A small real VAST server for tests, on 127.0.0.1: ads built with packages/vast buildVast around
// creatives made by ffmpeg (short coloured MP4s with a tone), misbehaving endpoints (slow, garbage,
// wrapper loop), and the beacon receiver that records every impression and tracking event.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildVast, buildVmap, parseTimeOffset, type VastAd, type VastDocument, type VmapTimeOffset } from '@adsplice/vast';
import { runFfmpeg } from '@adsplice/media';

export interface Creative {
  name: string;
  color: string;
  durationSec: number;
  toneHz: number;
}

export const CREATIVES: Creative[] = [
  { name: 'red', color: 'red', durationSec: 6, toneHz: 440 },
  { name: 'blue', color: 'blue', durationSec: 4, toneHz: 660 },
  { name: 'green', color: 'green', durationSec: 4, toneHz: 880 },
  { name: 'slate', color: 'gray', durationSec: 3, toneHz: 220 },
  { name: 'bumper', color: 'yellow', durationSec: 2, toneHz: 1200 },
];

export async function makeCreatives(dir: string, creatives = CREATIVES): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const c of creatives) {
    await runFfmpeg([
      '-f', 'lavfi', '-i', `color=c=${c.color}:s=640x360:r=25:d=${c.durationSec}`,
      '-f', 'lavfi', '-i', `sine=frequency=${c.toneHz}:sample_rate=48000:duration=${c.durationSec}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', join(dir, `${c.name}.mp4`),
    ]);
  }
}

export interface BeaconHit {
  session: string;
  ad: string;
  event: string;
  atMs: number;
}

export interface VastServer {
  base: string;
  app: FastifyInstance;
  beacons: BeaconHit[];
  adsRequests: { query: Record<string, string>; atMs: number }[];
  close(): Promise<void>;
}

function ad(base: string, c: Creative, sid: string, sequence?: number): VastAd {
  const beacon = (event: string) => `${base}/beacon/${sid}/${c.name}/${event}`;
  return {
    id: `ad-${c.name}`,
    ...(sequence === undefined ? {} : { sequence }),
    kind: 'inline',
    adSystem: { name: 'adsplice-test' },
    adTitle: `${c.name} ad`,
    categories: [],
    impressions: [{ url: beacon('impression') }],
    errors: [],
    adVerifications: [],
    extensions: [],
    creatives: [
      {
        id: `creative-${c.name}`,
        universalAdIds: [{ idRegistry: 'adsplice-test', value: `UAID-${c.name}` }],
        creativeExtensions: [],
        linear: {
          durationMs: c.durationSec * 1000,
          mediaFiles: [{ url: `${base}/creatives/${c.name}.mp4`, delivery: 'progressive', type: 'video/mp4', width: 640, height: 360, bitrate: 500 }],
          mezzanine: [],
          interactiveCreativeFiles: [],
          closedCaptionFiles: [],
          trackingEvents: ['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete'].map((event) => ({ event, url: beacon(event) })),
          videoClicks: { clickTracking: [], customClick: [] },
          icons: [],
        },
      },
    ],
  };
}

/**
 * GET /vast?pod=red,blue&sid=… — a pod of those creatives (sequence 1..n); `pod=` empty: no ads.
 * GET /vmap?breaks=start:red,50%25:blue,end:green&sid=… — VMAP 1.0, each break's pod in VASTAdData
 * (`tag` as a pod name: an AdTagURI back to /vast instead); /vmap-garbage (not well-formed VMAP).
 * /slow?ms=… (answers late), /garbage, /loop-a ↔ /loop-b (wrappers that loop), /wrap?pod=… (one wrapper).
 */
export async function startVastServer(creativesDir: string, opts: { creatives?: Creative[] } = {}): Promise<VastServer> {
  const creatives = opts.creatives ?? CREATIVES;
  const app = Fastify();
  const beacons: BeaconHit[] = [];
  const adsRequests: VastServer['adsRequests'] = [];
  let base = '';
  const pod = (names: string, sid: string): VastDocument => ({
    version: '4.2',
    errors: [],
    ads: names
      .split(',')
      .filter(Boolean)
      .map((n, i) => ad(base, creatives.find((c) => c.name === n)!, sid, i + 1)),
  });
  app.get<{ Querystring: Record<string, string> }>('/vast', async (req, reply) => {
    adsRequests.push({ query: req.query, atMs: Date.now() });
    void reply.type('application/xml');
    return buildVast(pod(req.query.pod ?? '', req.query.sid ?? ''), { version: '4.2' });
  });
  app.get<{ Querystring: Record<string, string> }>('/vmap', async (req, reply) => {
    adsRequests.push({ query: req.query, atMs: Date.now() });
    const sid = req.query.sid ?? '';
    const adBreaks = (req.query.breaks ?? '')
      .split(',')
      .filter(Boolean)
      .map((b, i) => {
        const at = b.lastIndexOf(':');
        const names = b.slice(at + 1).split(/[+ ]/).join(',');
        const timeOffset = parseTimeOffset(b.slice(0, at)) as VmapTimeOffset;
        const adSource = names.startsWith('tag=') ? { adTagUri: `${base}/vast?pod=${names.slice(4)}&sid=${sid}`, templateType: 'vast3' } : { vastAdData: pod(names, sid), allowMultipleAds: true };
        const trackingEvents = ['breakStart', 'breakEnd', 'error'].map((event) => ({ event, url: `${base}/beacon/${sid}/break-b${i}/${event === 'error' ? 'error-[ERRORCODE]' : event}` }));
        return { timeOffset, breakId: `b${i}`, adSource, trackingEvents };
      });
    void reply.type('application/xml');
    return buildVmap({ adBreaks });
  });
  app.get('/vmap-garbage', async (_req, reply) => reply.type('application/xml').send('<vmap:VMAP xmlns:vmap="http://www.iab.net/videosuite/vmap" version="1.0"><vmap:AdBreak timeOffset="start"'));
  app.get<{ Querystring: Record<string, string> }>('/slow', async (req, reply) => {
    await new Promise((r) => setTimeout(r, Number(req.query.ms ?? 2000)));
    void reply.type('application/xml');
    return buildVast(pod('red', req.query.sid ?? ''), { version: '4.2' });
  });
  app.get('/garbage', async (_req, reply) => reply.type('application/xml').send('<VAST version="4.2"><Ad><InLine>truncated'));
  const wrapper = (uri: string): VastDocument => ({
    version: '4.2',
    errors: [],
    ads: [{ id: 'w', kind: 'wrapper', adSystem: { name: 'wrapper' }, categories: [], impressions: [{ url: `${base}/beacon/w/wrapper/impression` }], errors: [`${base}/beacon/w/wrapper/error-[ERRORCODE]`], adVerifications: [], extensions: [], wrapper: { vastAdTagUri: uri }, creatives: [] }],
  });
  app.get('/loop-a', async (_req, reply) => reply.type('application/xml').send(buildVast(wrapper(`${base}/loop-b`), { version: '4.2' })));
  app.get('/loop-b', async (_req, reply) => reply.type('application/xml').send(buildVast(wrapper(`${base}/loop-a`), { version: '4.2' })));
  app.get<{ Params: { name: string } }>('/creatives/:name', async (req, reply) => reply.type('video/mp4').send(await readFile(join(creativesDir, req.params.name))));
  app.get<{ Params: { sid: string; ad: string; event: string } }>('/beacon/:sid/:ad/:event', async (req) => {
    beacons.push({ session: req.params.sid, ad: req.params.ad, event: req.params.event, atMs: Date.now() });
    return 'ok';
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base, app, beacons, adsRequests, close: () => app.close() };
}
