// DASH MPD parse and print. Two inputs: a 2-Period live MPD with an SCTE-35 EventStream (the
// project's golden file of a live Period split at a break) and a long VOD MPD (2 h, one Period,
// a SegmentTimeline of ~3,600 S entries in each of three AdaptationSets, generated here).
// Candidates: @adsplice/dash (parse+print, and parse alone), fast-xml-parser's ordered parse +
// build (a generic XML round trip, for scale), and mpd-parser (video.js), parse only: it has no
// printer, drops what it does not model (unknown elements, comments, attribute order) and expands
// every segment into its output, so it is a reference for "reading an MPD", not a like-for-like.
import { readFileSync } from 'node:fs';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { parse as mpdParserParse } from 'mpd-parser';
import { parseMpd, printMpd } from '../packages/dash/src/index.ts';
import { compare, fmtRatio, ratio, type Row, type SuiteResult } from './harness.ts';

const LIVE_NOW = Date.UTC(2024, 2, 1, 12, 10, 30);

/** A 2-hour VOD MPD whose timelines cannot be folded with @r (durations vary like real GOPs and AAC frames). */
function longVod(): string {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const timeline = (timescale: number, targetS: number, jitter: number, totalS: number): string => {
    const lines: string[] = [];
    let t = 0;
    const end = totalS * timescale;
    while (t < end) {
      const d = Math.round((targetS + (next() - 0.5) * jitter) * timescale);
      lines.push(`          <S${t === 0 ? ' t="0"' : ''} d="${d}"/>`);
      t += d;
    }
    return lines.join('\n');
  };
  const video = timeline(90000, 2, 0.4, 7200);
  const audio = (lang: string) => `    <AdaptationSet contentType="audio" mimeType="audio/mp4" lang="${lang}" segmentAlignment="true" startWithSAP="1">
      <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>
      <SegmentTemplate timescale="48000" initialization="a-${lang}/init.mp4" media="a-${lang}/$Time$.m4s">
        <SegmentTimeline>
${timeline(48000, 2, 0.05, 7200)}
        </SegmentTimeline>
      </SegmentTemplate>
      <Representation id="a-${lang}" bandwidth="128000" codecs="mp4a.40.2" audioSamplingRate="48000"/>
    </AdaptationSet>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2H" minBufferTime="PT4S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
  <BaseURL>https://vod.example/movie/</BaseURL>
  <Period id="1" start="PT0S">
    <AdaptationSet contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">
      <SegmentTemplate timescale="90000" initialization="$RepresentationID$/init.mp4" media="$RepresentationID$/$Time$.m4s">
        <SegmentTimeline>
${video}
        </SegmentTimeline>
      </SegmentTemplate>
      <Representation id="v1080" bandwidth="6000000" codecs="avc1.640028" width="1920" height="1080"/>
      <Representation id="v720" bandwidth="3000000" codecs="avc1.64001f" width="1280" height="720"/>
      <Representation id="v360" bandwidth="800000" codecs="avc1.64001e" width="640" height="360"/>
    </AdaptationSet>
${audio('en')}
${audio('fr')}
  </Period>
</MPD>
`;
}

const fxpOptions = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', commentPropName: '#comment', parseTagValue: false, parseAttributeValue: false, trimValues: true };

async function suite(title: string, text: string, now: number): Promise<SuiteResult> {
  const fxpParser = new XMLParser(fxpOptions);
  const fxpBuilder = new XMLBuilder({ ...fxpOptions, format: true, suppressEmptyNode: true });
  let sink = 0;
  const names = {
    ours: '@adsplice/dash parseMpd + printMpd',
    oursParse: '@adsplice/dash parseMpd',
    fxp: 'fast-xml-parser parse + build (ordered)',
    mpdParser: 'mpd-parser parse (no printer)',
  };
  // Sanity: ours round-trips, and every candidate reads the input.
  const check = parseMpd(text);
  if (check.issues.length > 0) throw new Error(`bench input has issues: ${check.issues.map((i) => i.code).join(', ')}`);
  if (printMpd(parseMpd(printMpd(check.value)).value) !== printMpd(check.value)) throw new Error('round trip is not stable');
  const candidates = [
    { name: names.ours, fn: () => { sink += printMpd(parseMpd(text).value).length; } },
    { name: names.oursParse, fn: () => { sink += parseMpd(text).issues.length; } },
    { name: names.fxp, fn: () => { sink += String(fxpBuilder.build(fxpParser.parse(text))).length; } },
    { name: names.mpdParser, fn: () => { sink += mpdParserParse(text, { manifestUri: 'https://example.com/index.mpd', NOW: now }) ? 1 : 0; } },
  ];
  // Warm every candidate up first, so that the one measured first does not pay for the JIT.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) for (const c of candidates) c.fn();
  const rows: Row[] = await compare(candidates);
  if (sink === 0) throw new Error('unreachable');
  const us = (name: string): string => `${rows.find((r) => r.name === name)!.usPerOp.toFixed(1)} µs/op`;
  return {
    title,
    unit: `parse (and print) one MPD of ${(text.length / 1024).toFixed(1)} kB from text`,
    rows,
    notes: [
      `@adsplice/dash parse + print: ${us(names.ours)}; parse alone: ${us(names.oursParse)} (XML tree with offsets, namespace checks and the typed-view validation of every attribute).`,
      `Parse + print vs mpd-parser's parse alone: ${fmtRatio(ratio(rows, names.ours, names.mpdParser))}; parse vs parse: ${fmtRatio(ratio(rows, names.oursParse, names.mpdParser))} (mpd-parser: ${us(names.mpdParser)}; it has no printer, drops unknown elements, comments and attribute order, and expands every segment).`,
      `Parse + print vs fast-xml-parser's ordered parse + build: ${fmtRatio(ratio(rows, names.ours, names.fxp))} (fast-xml-parser: ${us(names.fxp)}; generic XML, keeps order but not the MPD's meaning).`,
    ],
  };
}

export default async function (): Promise<SuiteResult[]> {
  const live = readFileSync(new URL('../packages/dash/testdata/live-single-period.split-620s.mpd', import.meta.url), 'utf8');
  return [
    await suite('DASH: 2-Period live MPD with an SCTE-35 EventStream', live, LIVE_NOW),
    await suite('DASH: long VOD MPD (2 h, ~10,800 S entries)', longVod(), 0),
  ];
}
