// The scte35 and manifest commands, through the real program (a child process) where it matters
// (exit codes, stdin), and in process for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { inspect } from './manifest.ts';

const bin = new URL('../../bin/adsplice.js', import.meta.url).pathname;
const fixtures = new URL('../../../../../shared/fixtures/', import.meta.url).pathname;
const noFixtures = existsSync(fixtures) ? false : 'the shared fixtures folder (../shared/fixtures) is absent';
const testdata = new URL('../../../../packages/hls/testdata/', import.meta.url).pathname;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// SCTE 35 2022b §14.2: splice_insert, event 0x4800008F, out of network, break_duration 0x0052CCF5 with auto_return.
const SPEC_14_2 = '/DAvAAAAAAAA///wFAVIAACPf+/+c2nALv4AUsz1AAAAAAAKAAhDVUVJAAABNWLbowo=';

test('scte35 decode prints the section as JSON and exits 0; encode gives the same bytes back', () => {
  const r = cli(['scte35', 'decode', SPEC_14_2]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { section: { spliceCommand: Record<string, unknown>; crcValid: boolean; descriptors: { type: string; providerAvailId: number }[] }; issues: unknown[] };
  assert.deepEqual(out.issues, []);
  assert.equal(out.section.crcValid, true);
  assert.deepEqual(
    { type: out.section.spliceCommand.type, spliceEventId: out.section.spliceCommand.spliceEventId, outOfNetworkIndicator: out.section.spliceCommand.outOfNetworkIndicator, breakDuration: out.section.spliceCommand.breakDuration },
    { type: 'splice_insert', spliceEventId: 0x4800008f, outOfNetworkIndicator: true, breakDuration: { autoReturn: true, duration: 0x0052ccf5 } },
  );
  assert.deepEqual(out.section.descriptors.map((d) => [d.type, d.providerAvailId]), [['avail_descriptor', 0x135]]);
  const back = cli(['scte35', 'encode', '-'], r.stdout);
  assert.equal(back.status, 0, back.stderr);
  assert.equal(back.stdout.trim(), SPEC_14_2);
  const hex = Buffer.from(SPEC_14_2, 'base64').toString('hex');
  assert.equal(JSON.parse(cli(['scte35', 'decode', `0x${hex}`]).stdout).section.crc32, JSON.parse(r.stdout).section.crc32, 'hex works too');
});

test('scte35 decode --xml prints the XML form, and encode reads it back', () => {
  const xml = cli(['scte35', 'decode', '--xml', SPEC_14_2]);
  assert.equal(xml.status, 0, xml.stderr);
  assert.match(xml.stdout, /<scte35:SpliceInsert[^>]*spliceEventId="1207959695"/);
  const back = cli(['scte35', 'encode', '--xml', xml.stdout]);
  assert.equal(back.status, 0, back.stderr);
  // The XML form carries no cw_index (meaningless unencrypted; the sample has 0xFF, the encoder
  // writes 0): everything else comes back the same.
  const a = JSON.parse(cli(['scte35', 'decode', SPEC_14_2]).stdout).section;
  const b = JSON.parse(cli(['scte35', 'decode', back.stdout.trim()]).stdout).section;
  assert.deepEqual(b.spliceCommand, a.spliceCommand);
  assert.deepEqual(b.descriptors, a.descriptors);
  assert.deepEqual([b.cwIndex, a.cwIndex], [0, 0xff]);
});

test('scte35 decode: a bad CRC or garbage exits 1 with the issue; what decoded is still printed', () => {
  const badCrc = cli(['scte35', 'decode', '/DAgAAAAAAAAAP/wDwUA2h/mf//+ADS8AMAAAAAAAORhJCQ=']);
  assert.equal(badCrc.status, 1);
  const out = JSON.parse(badCrc.stdout) as { section: { spliceCommand: { spliceEventId: number } }; issues: { code: string }[] };
  assert.ok(out.issues.some((i) => i.code === 'SCTE35_CRC_MISMATCH'));
  assert.equal(out.section.spliceCommand.spliceEventId, 14295014);
  const garbage = cli(['scte35', 'decode', 'not a cue!']);
  assert.equal(garbage.status, 1);
  assert.equal(JSON.parse(garbage.stdout).issues[0].code, 'SCTE35_NOT_BASE64_OR_HEX');
  const enc = cli(['scte35', 'encode', '{"spliceCommand":{"type":"splice_insert","spliceEventId":99999999999}}']);
  assert.equal(enc.status, 1);
  assert.match(enc.stderr, /cannot encode: .*spliceEventId/);
});

test('manifest inspect: format, kind and avails as JSON (the project\'s early-return playlist)', () => {
  const r = cli(['manifest', 'inspect', `${testdata}early-return.m3u8`]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual({ ...out, issues: undefined }, {
    format: 'hls',
    kind: 'media',
    avails: [{ startSegment: 1002, startTime: '2025-01-01T00:00:12.000Z', plannedDurationMs: 60000, elapsedMs: 24000, endSegment: 1006, eventId: 101, open: false }],
    issues: undefined,
  });
});

test('manifest inspect reads a URL; a missing file is a clear error', async (t) => {
  const text = readFileSync(`${testdata}early-return.m3u8`, 'utf8');
  const server = createServer((_req, res) => res.end(text));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/live.m3u8`;
  const { manifestInspect } = await import('./manifest.ts');
  let out = '';
  const code = await manifestInspect(url, { out: { write: (s: string) => (out += s) }, err: { write: () => {} }, nowMs: Date.now() });
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).avails.length, 1);
  const missing = cli(['manifest', 'inspect', '/nonexistent/x.m3u8']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read \/nonexistent\/x\.m3u8: ENOENT/);
});

test('manifest print is byte-identical for every shared HLS fixture; inspect finds the breaks of the DASH ones', { skip: noFixtures }, () => {
  for (const name of readdirSync(`${fixtures}hls`).filter((f) => f.endsWith('.m3u8'))) {
    const r = cli(['manifest', 'print', `${fixtures}hls/${name}`]);
    assert.equal(r.stdout, readFileSync(`${fixtures}hls/${name}`, 'utf8'), name);
  }
  const orange = inspect(readFileSync(`${fixtures}dash/orange-ott_live_single-period_xml+bin_eventstream-value.mpd`, 'utf8'), Date.parse('2023-05-24T12:49:00Z'));
  assert.equal(orange.format, 'dash');
  assert.deepEqual(orange.avails.map((a) => [a.eventId, a.startTime, a.plannedDurationMs]), [[391691, '2023-05-24T12:47:47.725Z', 30000], [391692, '2023-05-24T12:48:18.085Z', 23000]]);
  const stitched = inspect(readFileSync(`${fixtures}dash/usp-avod-mediatailor-demo_vod_multiperiod-stitched_xml+bin.mpd`, 'utf8'), 0);
  assert.deepEqual(stitched.avails.map((a) => a.startTime), ['PT6S', 'PT55.958S', 'PT1M51.917S']);
});
