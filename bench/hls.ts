// HLS playlist parse and print. Two inputs, generated here: a 6-segment live media playlist with an
// ad break (EXT-OATCLS-SCTE35 + EXT-X-CUE-OUT / CUE-OUT-CONT / CUE-IN, PDT), and a 2-hour VOD
// playlist of 3,600 segments (durations that vary like real GOPs, a few discontinuities).
// Candidates: @adsplice/hls (parse + print; print from the re-joined lines, as after an edit; and
// parse + the full media-playlist view + print, which reads every segment as hls-parser does),
// hls-parser (parse + stringify), and m3u8-parser (video.js), parse only: it has no printer.
// Losslessness is checked, not assumed: each note says whether print(parse(x)) === x.
import { createRequire } from 'node:module';
import { parse as hlsParserParse, stringify as hlsParserStringify } from 'hls-parser';
import { joinLines, mediaPlaylist, parseM3u8, printM3u8 } from '../packages/hls/src/index.ts';
import { compare, fmtRatio, ratio, type Row, type SuiteResult } from './harness.ts';

// m3u8-parser ships no type declarations: the little of it used here, typed.
const { Parser: M3u8Parser } = createRequire(import.meta.url)('m3u8-parser') as {
  Parser: new () => { push(text: string): void; end(): void; manifest: { segments: unknown[] } };
};

const CUE = '/DAlAAAAAAAAAP/wFAUAAABkf+/+AB42YP4AKTLgAAEAAAAA4+GLtw==';

function liveWithBreak(): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:8779957', '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:00.000Z'];
  const tags: Record<number, string[]> = {
    1: [`#EXT-OATCLS-SCTE35:${CUE}`, '#EXT-X-CUE-OUT:30.000'],
    2: [`#EXT-X-CUE-OUT-CONT:ElapsedTime=6.006,Duration=30,SCTE35=${CUE}`],
    3: [`#EXT-X-CUE-OUT-CONT:ElapsedTime=12.012,Duration=30,SCTE35=${CUE}`],
    4: [`#EXT-X-CUE-OUT-CONT:ElapsedTime=18.018,Duration=30,SCTE35=${CUE}`],
    5: ['#EXT-X-CUE-IN'],
  };
  for (let i = 0; i < 6; i++) lines.push(...(tags[i] ?? []), '#EXTINF:6.006,', `index_1_${8779957 + i}.ts?m=1566416212`);
  return `${lines.join('\n')}\n`;
}

function longVod(): string {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:3', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (let i = 0; i < 3600; i++) {
    if (i > 0 && i % 900 === 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${(1.9 + next() * 0.2).toFixed(3)},`, `https://vod.example.com/movie/720p/segment_${String(i).padStart(5, '0')}.ts`);
  }
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}: ${JSON.stringify(x[i] ?? '')} → ${JSON.stringify(y[i] ?? '')}`;
  return 'none';
}

async function suite(title: string, text: string): Promise<SuiteResult> {
  let sink = 0;
  const names = {
    ours: '@adsplice/hls parseM3u8 + printM3u8',
    oursJoin: '@adsplice/hls parseM3u8 + print from the lines',
    oursFull: '@adsplice/hls parseM3u8 + mediaPlaylist (every segment) + print',
    hlsParser: 'hls-parser parse + stringify',
    m3u8Parser: 'm3u8-parser parse (no printer)',
  };
  const oursLossless = printM3u8(parseM3u8(text).value) === text && joinLines(parseM3u8(text).value) === text;
  if (!oursLossless) throw new Error('@adsplice/hls did not print its input back');
  if (mediaPlaylist(parseM3u8(text).value).issues.length > 0) throw new Error('bench input has issues');
  const theirs = hlsParserStringify(hlsParserParse(text));
  const theirsLossless = theirs === text;
  const m3u8 = () => {
    const p = new M3u8Parser();
    p.push(text);
    p.end();
    return p.manifest;
  };
  const candidates = [
    { name: names.ours, fn: () => { sink += printM3u8(parseM3u8(text).value).length; } },
    { name: names.oursJoin, fn: () => { sink += joinLines(parseM3u8(text).value).length; } },
    {
      name: names.oursFull,
      fn: () => {
        const p = parseM3u8(text).value;
        sink += mediaPlaylist(p).value.segments.length + printM3u8(p).length;
      },
    },
    { name: names.hlsParser, fn: () => { sink += hlsParserStringify(hlsParserParse(text)).length; } },
    { name: names.m3u8Parser, fn: () => { sink += m3u8().segments.length; } },
  ];
  // Warm every candidate up first, so that the one measured first does not pay for the JIT.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) for (const c of candidates) c.fn();
  const rows: Row[] = await compare(candidates);
  if (sink === 0) throw new Error('unreachable');
  // Ratios are of ops/s (tinybench's mean throughput); the mean latency beside it includes GC pauses.
  const us = (name: string): string => {
    const r = rows.find((x) => x.name === name)!;
    return `${Math.round(r.opsPerSec).toLocaleString('en-US')} ops/s, mean ${r.usPerOp.toFixed(1)} µs/op`;
  };
  const vsHlsParser = ratio(rows, names.ours, names.hlsParser);
  return {
    title,
    unit: `parse and print one playlist of ${(text.length / 1024).toFixed(1)} kB (${text.split('\n').length - 1} lines) from text`,
    rows,
    notes: [
      `@adsplice/hls parse + print: ${us(names.ours)}, ${fmtRatio(vsHlsParser)} hls-parser's throughput (${us(names.hlsParser)}) — goal ≥ 2x: ${vsHlsParser >= 2 ? 'met' : 'NOT met'}. The parse keeps every line (kind, tag name; attribute lists parsed on first use) and the print gives back the kept text.`,
      `Printed from the re-joined lines (what an edited playlist costs): ${us(names.oursJoin)}, ${fmtRatio(ratio(rows, names.oursJoin, names.hlsParser))} hls-parser.`,
      `With the full media-playlist view (every EXTINF, sequence number, PDT, key and map read): ${us(names.oursFull)}, ${fmtRatio(ratio(rows, names.oursFull, names.hlsParser))} hls-parser.`,
      `Lossless: @adsplice/hls print(parse(x)) === x: ${oursLossless ? 'yes' : 'NO'} (from the lines too). hls-parser stringify(parse(x)) === x: ${theirsLossless ? 'yes' : `no — first difference at ${firstDifference(text, theirs)}`}.`,
      `m3u8-parser has no printer, so it is timed parsing only: ${us(names.m3u8Parser)}; our parse + print is ${fmtRatio(ratio(rows, names.ours, names.m3u8Parser))} its parse, our parse + full view + print ${fmtRatio(ratio(rows, names.oursFull, names.m3u8Parser))}.`,
    ],
  };
}

export default async function (): Promise<SuiteResult[]> {
  return [await suite('HLS: 6-segment live media playlist with an ad break', liveWithBreak()), await suite('HLS: 2-hour VOD media playlist (3,600 segments)', longVod())];
}
