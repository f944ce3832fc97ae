import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adSignals } from './ad-signals.ts';
import { cueTagLines, CUE_DIALECTS, type CueTagInput } from './cue-tag-writer.ts';
import { parseM3u8 } from './parse-m3u8.ts';

const OUT = '/DAlAAAAAAAAAP/wFAUAAABkf+/+AB42YP4AKTLgAAEAAAAA4+GLtw==';
const OUT_HEX = '0xFC302500000000000000FFF01405000000647FEFFE001E3660FE002932E0000100000000E3E18BB7';
const IN = '/DAgAAAAAAAAAP/wDwUAAABkf0/+AEdpQAABAAAAADkrr3I=';
const start = Date.UTC(2025, 0, 1, 0, 0, 12);

test('Elemental: CUE-OUT:30 / CUE-OUT-CONT:ElapsedTime,Duration,SCTE35 / CUE-IN', () => {
  assert.deepEqual(cueTagLines('cue-out', { kind: 'out', durationMs: 30000, scte35: OUT }), ['#EXT-X-CUE-OUT:30']);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'out' }), ['#EXT-X-CUE-OUT']);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'cont', elapsedMs: 634, durationMs: 20020, scte35: OUT }), [`#EXT-X-CUE-OUT-CONT:ElapsedTime=0.634,Duration=20.02,SCTE35=${OUT}`]);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'cont', elapsedMs: 6000, durationMs: 30000, scte35: OUT_HEX }), [`#EXT-X-CUE-OUT-CONT:ElapsedTime=6.000,Duration=30,SCTE35=${OUT}`]);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'cont' }), ['#EXT-X-CUE-OUT-CONT']);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'in', scte35: IN }), ['#EXT-X-CUE-IN']);
  assert.deepEqual(cueTagLines('cue-out', { kind: 'cmd', scte35: IN }), []);
});

test('SCTE-35 enhanced: EXT-OATCLS-SCTE35 (+ EXT-X-ASSET) before the CUE-OUT', () => {
  assert.deepEqual(cueTagLines('oatcls', { kind: 'out', durationMs: 30000, scte35: OUT, caid: '0x0000000020FB6501' }), [
    `#EXT-OATCLS-SCTE35:${OUT}`,
    '#EXT-X-ASSET:CAID=0x0000000020FB6501',
    '#EXT-X-CUE-OUT:30',
  ]);
  assert.deepEqual(cueTagLines('oatcls', { kind: 'in' }), ['#EXT-X-CUE-IN']);
  assert.throws(() => cueTagLines('oatcls', { kind: 'out', durationMs: 30000 }), /oatcls: scte35 is required/);
});

test('DATERANGE: OUT with PLANNED-DURATION and hex SCTE35-OUT, the same tag again as a CONT, IN with END-DATE and DURATION, CMD', () => {
  const base: Omit<CueTagInput, 'kind'> = { id: '100', startDateMs: start, durationMs: 30000, scte35: OUT };
  const out = `#EXT-X-DATERANGE:ID="100",START-DATE="2025-01-01T00:00:12.000Z",PLANNED-DURATION=30,SCTE35-OUT=${OUT_HEX}`;
  assert.deepEqual(cueTagLines('daterange', { ...base, kind: 'out' }), [out]);
  assert.deepEqual(cueTagLines('daterange', { ...base, kind: 'cont', elapsedMs: 12000 }), [out]);
  assert.deepEqual(cueTagLines('daterange', { ...base, kind: 'in', scte35: IN, endDateMs: start + 24000 }), [
    '#EXT-X-DATERANGE:ID="100",START-DATE="2025-01-01T00:00:12.000Z",END-DATE="2025-01-01T00:00:36.000Z",DURATION=24,SCTE35-IN=0xFC302000000000000000FFF00F05000000647F4FFE00476940000100000000392BAF72',
  ]);
  assert.deepEqual(cueTagLines('daterange', { id: 'x', startDateMs: start, kind: 'in' }), ['#EXT-X-DATERANGE:ID="x",START-DATE="2025-01-01T00:00:12.000Z"']);
  assert.deepEqual(cueTagLines('daterange', { id: 'x', startDateMs: start, kind: 'cmd', scte35: OUT }), [`#EXT-X-DATERANGE:ID="x",START-DATE="2025-01-01T00:00:12.000Z",SCTE35-CMD=${OUT_HEX}`]);
  assert.throws(() => cueTagLines('daterange', { kind: 'out', startDateMs: start, scte35: OUT }), /daterange: id is required/);
  assert.throws(() => cueTagLines('daterange', { kind: 'out', id: '1', scte35: OUT }), /startDateMs is required/);
  assert.throws(() => cueTagLines('daterange', { kind: 'out', id: '1', startDateMs: start, scte35: 'not base64!' }), /not an SCTE-35 payload/);
});

test('EXT-X-SCTE35: CUE first, then ID, DURATION, TIME, ELAPSED and CUE-OUT=YES/CONT or CUE-IN=YES', () => {
  assert.deepEqual(cueTagLines('scte35-tag', { kind: 'out', scte35: OUT }), [`#EXT-X-SCTE35:CUE="${OUT}",CUE-OUT=YES`]);
  assert.deepEqual(cueTagLines('scte35-tag', { kind: 'cont', scte35: OUT, id: '100', durationMs: 30000, elapsedMs: 6000, presentationTimeMs: 22000 }), [
    `#EXT-X-SCTE35:CUE="${OUT}",ID="100",DURATION=30,TIME=22.000,ELAPSED=6.000,CUE-OUT=CONT`,
  ]);
  assert.deepEqual(cueTagLines('scte35-tag', { kind: 'in', scte35: IN, durationMs: 30000 }), [`#EXT-X-SCTE35:CUE="${IN}",CUE-IN=YES`]);
  assert.deepEqual(cueTagLines('scte35-tag', { kind: 'cmd', scte35: IN }), [`#EXT-X-SCTE35:CUE="${IN}"`]);
  assert.deepEqual(cueTagLines('scte35-tag', { kind: 'in' }), []);
  assert.throws(() => cueTagLines('scte35-tag', { kind: 'out' }), /scte35-tag: scte35 is required/);
});

test('EXT-X-SPLICEPOINT-SCTE35: the payload alone, no CONT', () => {
  assert.deepEqual(cueTagLines('splicepoint', { kind: 'out', scte35: OUT_HEX }), [`#EXT-X-SPLICEPOINT-SCTE35:${OUT}`]);
  assert.deepEqual(cueTagLines('splicepoint', { kind: 'cont', scte35: OUT }), []);
  assert.deepEqual(cueTagLines('splicepoint', { kind: 'in', scte35: IN }), [`#EXT-X-SPLICEPOINT-SCTE35:${IN}`]);
  assert.deepEqual(cueTagLines('splicepoint', { kind: 'in' }), []);
  assert.throws(() => cueTagLines('splicepoint', { kind: 'out' }), /splicepoint: scte35 is required/);
});

test('Adobe EXT-X-CUE: simple mode quoted like MediaLive, SCTE-35 mode with CUE, ELAPSED for a CONT', () => {
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'out', durationMs: 201467, id: '0', presentationTimeMs: 414171 }), ['#EXT-X-CUE:DURATION="201.467",ID="0",TYPE="SpliceOut",TIME="414.171"']);
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'cont', durationMs: 30000, elapsedMs: 6000 }), ['#EXT-X-CUE:DURATION="30",ID="0",TYPE="SpliceOut",ELAPSED="6.000"']);
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'in' }), []);
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'out', durationMs: 30000, id: '1026', presentationTimeMs: 1544716520023, scte35: OUT }), [
    `#EXT-X-CUE:ID="1026",TYPE="scte35",DURATION=30,TIME=1544716520.023,CUE="${OUT}"`,
  ]);
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'cont', durationMs: 30000, elapsedMs: 6000, scte35: OUT }), [`#EXT-X-CUE:ID="0",TYPE="scte35",DURATION=30,ELAPSED=6.000,CUE="${OUT}"`]);
  assert.deepEqual(cueTagLines('adobe-cue', { kind: 'in', scte35: IN }), [`#EXT-X-CUE:ID="0",TYPE="scte35",DURATION=0,CUE="${IN}"`]);
});

test('every dialect reads back what it writes, without issues', () => {
  for (const dialect of CUE_DIALECTS) {
    for (const kind of ['out', 'cont', 'in'] as const) {
      const input: CueTagInput = { kind, id: '100', startDateMs: start, durationMs: 30000, elapsedMs: 6000, scte35: kind === 'in' ? IN : OUT };
      const lines = cueTagLines(dialect, input);
      const text = ['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:12.000Z', ...lines, '#EXTINF:6,', 'a.ts', '#EXTINF:6,', 'b.ts'].join('\n');
      const r = adSignals(parseM3u8(text).value);
      assert.deepEqual(r.issues, [], `${dialect} ${kind}`);
      const expected = dialect === 'daterange' && kind === 'cont' ? 'out' : kind; // a DATERANGE is repeated as it was
      for (const s of r.value) if (s.dialect !== 'asset') assert.equal(s.kind, expected, `${dialect} ${kind}: ${lines.join(' | ')}`);
      assert.equal(r.value.length > 0, !(dialect === 'splicepoint' && kind === 'cont') && !(dialect === 'adobe-cue' && kind === 'in' && input.scte35 === undefined), `${dialect} ${kind}`);
    }
  }
});
