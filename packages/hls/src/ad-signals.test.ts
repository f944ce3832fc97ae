import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from '@adsplice/scte35';
import type { AdSignal } from '@adsplice/scte35/ad-signal';
import { adSignals } from './ad-signals.ts';
import { parseM3u8 } from './parse-m3u8.ts';

// splice_insert OON event 100, 30 s; its IN; a time_signal Provider Ad Start (0x30) event 1911821351, 95 s.
const OUT = '/DAlAAAAAAAAAP/wFAUAAABkf+/+AB42YP4AKTLgAAEAAAAA4+GLtw==';
const IN = '/DAgAAAAAAAAAP/wDwUAAABkf0/+AEdpQAABAAAAADkrr3I=';
const AD_START = '/DAuAAAAAAAAAP/wBQb+AA27oAAYAhZDVUVJcfQUJ3//AACCdnAAADABAQAADRJsNg==';
const section = (b64: string) => decode(b64).value!;

/** One segment with `tags` before it: the signals and issue codes. */
function read(...tags: string[]) {
  const text = ['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:10', ...tags, '#EXTINF:6,', 'a.ts'].join('\n');
  const r = adSignals(parseM3u8(text).value);
  return { signals: r.value, issues: r.issues.map((i) => `${i.code}@${i.line}`) };
}

function one(tag: string): AdSignal {
  const r = read(tag);
  assert.deepEqual(r.issues, [], tag);
  assert.equal(r.signals.length, 1);
  return r.signals[0]!;
}

const at = { line: 4, segmentIndex: 0, mediaSequence: 10 };

test('EXT-X-CUE-OUT in every form seen: bare, :30, :30.000, :DURATION=30, :177.1 with SignalID', () => {
  assert.deepEqual(one('#EXT-X-CUE-OUT'), { kind: 'out', dialect: 'cue-out', ...at });
  assert.deepEqual(one('#EXT-X-CUE-OUT:30'), { kind: 'out', dialect: 'cue-out', ...at, durationMs: 30000 });
  assert.deepEqual(one('#EXT-X-CUE-OUT:30.000'), { kind: 'out', dialect: 'cue-out', ...at, durationMs: 30000 });
  assert.deepEqual(one('#EXT-X-CUE-OUT:DURATION=30'), { kind: 'out', dialect: 'cue-out', ...at, durationMs: 30000 });
  assert.deepEqual(one('#EXT-X-CUE-OUT:DURATION=120,ID=7'), { kind: 'out', dialect: 'cue-out', ...at, durationMs: 120000, id: '7', eventId: 7 });
  assert.deepEqual(one('#EXT-X-CUE-OUT:177.100,SignalID='), { kind: 'out', dialect: 'cue-out', ...at, durationMs: 177100 });
  assert.deepEqual(read('#EXT-X-CUE-OUT:soon').issues, ['HLS_BAD_CUE@4']);
});

test('EXT-X-CUE-OUT-CONT: ElapsedTime/Duration/SCTE35, "12.5/30", " 8.308/30", bare', () => {
  assert.deepEqual(one(`#EXT-X-CUE-OUT-CONT:ElapsedTime=12.5,Duration=30,SCTE35=${OUT}`), {
    kind: 'cont',
    dialect: 'cue-out-cont',
    ...at,
    scte35Text: OUT,
    scte35: section(OUT),
    eventId: 100,
    durationMs: 30000,
    elapsedMs: 12500,
  });
  assert.deepEqual(one('#EXT-X-CUE-OUT-CONT:12.5/30'), { kind: 'cont', dialect: 'cue-out-cont', ...at, elapsedMs: 12500, durationMs: 30000 });
  assert.deepEqual(one('#EXT-X-CUE-OUT-CONT: 8.308/30'), { kind: 'cont', dialect: 'cue-out-cont', ...at, elapsedMs: 8308, durationMs: 30000 });
  assert.deepEqual(one('#EXT-X-CUE-OUT-CONT:5.005/177.100,SignalID='), { kind: 'cont', dialect: 'cue-out-cont', ...at, elapsedMs: 5005, durationMs: 177100 });
  assert.deepEqual(one('#EXT-X-CUE-OUT-CONT'), { kind: 'cont', dialect: 'cue-out-cont', ...at });
  assert.deepEqual(one('#EXT-X-CUE-OUT-CONT:elapsedtime=3,duration=30'), { kind: 'cont', dialect: 'cue-out-cont', ...at, elapsedMs: 3000, durationMs: 30000 });
});

test('EXT-X-CUE-IN, with or without arguments', () => {
  assert.deepEqual(one('#EXT-X-CUE-IN'), { kind: 'in', dialect: 'cue-in', ...at });
  assert.deepEqual(one('#EXT-X-CUE-IN:177.100,SignalID='), { kind: 'in', dialect: 'cue-in', ...at });
});

test('EXT-OATCLS-SCTE35 and EXT-X-SPLICEPOINT-SCTE35: the payload decides', () => {
  assert.deepEqual(one(`#EXT-OATCLS-SCTE35:${OUT}`), { kind: 'out', dialect: 'oatcls', ...at, scte35Text: OUT, scte35: section(OUT), eventId: 100, durationMs: 30000 });
  assert.deepEqual(one(`#EXT-X-SPLICEPOINT-SCTE35:${IN}`), { kind: 'in', dialect: 'splicepoint', ...at, scte35Text: IN, scte35: section(IN), eventId: 100 });
  assert.deepEqual(one(`#EXT-X-SPLICEPOINT-SCTE35:${AD_START}`), {
    kind: 'out',
    dialect: 'splicepoint',
    ...at,
    scte35Text: AD_START,
    scte35: section(AD_START),
    eventId: 1911821351,
    durationMs: 95000,
    segmentationTypeId: 0x30,
  });
  // An elided payload, as printed in documentation: reported, read as a plain cue.
  const elided = read('#EXT-OATCLS-SCTE35:/DA0AAAA+…AAg+2UBNAAANvrtoQ==');
  assert.deepEqual(elided.issues, ['HLS_SCTE35_UNDECODABLE@4']);
  assert.deepEqual(elided.signals, [{ kind: 'cmd', dialect: 'oatcls', ...at, scte35Text: '/DA0AAAA+…AAg+2UBNAAANvrtoQ==' }]);
  assert.deepEqual(read('#EXT-X-SPLICEPOINT-SCTE35:').issues, ['HLS_BAD_CUE@4']);
});

test('EXT-X-ASSET is a companion cue with its CAID', () => {
  assert.deepEqual(one('#EXT-X-ASSET:CAID=0x0000000020FB6501'), { kind: 'cmd', dialect: 'asset', ...at, id: '0x0000000020FB6501' });
  assert.deepEqual(one('#EXT-X-ASSET:GENRE=CV,CAID=12345678,EPISODE="Episode%20Name%20Date"'), { kind: 'cmd', dialect: 'asset', ...at, id: '12345678' });
});

test('EXT-X-SCTE35: CUE-OUT=YES / CONT, CUE-IN=YES, none (the payload decides), with ID, DURATION, ELAPSED, TIME, TYPE', () => {
  assert.deepEqual(one(`#EXT-X-SCTE35:CUE="${OUT}",CUE-OUT=YES`), { kind: 'out', dialect: 'scte35-tag', ...at, scte35Text: OUT, scte35: section(OUT), eventId: 100, durationMs: 30000 });
  assert.deepEqual(one(`#EXT-X-SCTE35:CUE="${OUT}",CUE-OUT=CONT`), { kind: 'cont', dialect: 'scte35-tag', ...at, scte35Text: OUT, scte35: section(OUT), eventId: 100, durationMs: 30000 });
  assert.deepEqual(one(`#EXT-X-SCTE35:CUE="${IN}",CUE-IN=YES`), { kind: 'in', dialect: 'scte35-tag', ...at, scte35Text: IN, scte35: section(IN), eventId: 100 });
  assert.deepEqual(one(`#EXT-X-SCTE35:CUE="${IN}"`), { kind: 'in', dialect: 'scte35-tag', ...at, scte35Text: IN, scte35: section(IN), eventId: 100 });
  assert.deepEqual(one(`#EXT-X-SCTE35:TYPE=0x30,ELAPSED=77.611,ID="1911821351",DURATION=95,CUE-OUT=CONT,CUE="${AD_START}"`), {
    kind: 'cont',
    dialect: 'scte35-tag',
    ...at,
    scte35Text: AD_START,
    scte35: section(AD_START),
    id: '1911821351',
    eventId: 1911821351,
    durationMs: 95000,
    elapsedMs: 77611,
    segmentationTypeId: 0x30,
  });
  // Repeated with ELAPSED and no CUE-OUT attribute: a continuation.
  assert.equal(one(`#EXT-X-SCTE35:ELAPSED=6,CUE="${OUT}"`).kind, 'cont');
  // x9k3 writes a space before the comma: read, and reported.
  const spaced = read(`#EXT-X-SCTE35:CUE="${OUT}" ,CUE-OUT=YES `);
  assert.equal(spaced.signals[0]!.kind, 'out');
  assert.deepEqual(spaced.issues, ['HLS_ATTRIBUTE_WHITESPACE@4', 'HLS_ATTRIBUTE_WHITESPACE@4']);
  assert.deepEqual(read('#EXT-X-SCTE35:CUE-OUT=YES').issues, ['HLS_BAD_CUE@4']);
  assert.deepEqual(read(`#EXT-X-SCTE35:CUE="${OUT}",CUE-OUT=MAYBE`).issues, ['HLS_BAD_CUE@4']);
});

test('Adobe EXT-X-CUE: simple mode SpliceOut/SpliceIn with TIME and ELAPSED, SCTE-35 mode with CUE, EXT-X-CUE-CONT', () => {
  assert.deepEqual(one('#EXT-X-CUE:DURATION="201.467",ID="0",TYPE="SpliceOut",TIME="414.171"'), {
    kind: 'out',
    dialect: 'adobe-cue',
    ...at,
    durationMs: 201467,
    id: '0',
    eventId: 0,
    presentationTimeMs: 414171,
  });
  assert.deepEqual(one('#EXT-X-CUE:TYPE=SpliceOut,ID=1,DURATION=0,TIME=266.198'), { kind: 'out', dialect: 'adobe-cue', ...at, id: '1', eventId: 1, presentationTimeMs: 266198 });
  assert.deepEqual(one('#EXT-X-CUE:TYPE="SpliceOut",ID="1",DURATION="60",TIME="266.198",ELAPSED="5.8"'), {
    kind: 'cont',
    dialect: 'adobe-cue',
    ...at,
    id: '1',
    eventId: 1,
    durationMs: 60000,
    elapsedMs: 5800,
    presentationTimeMs: 266198,
  });
  assert.deepEqual(one('#EXT-X-CUE:TYPE="SpliceIn",ID="1",TIME="326.198"'), { kind: 'in', dialect: 'adobe-cue', ...at, id: '1', eventId: 1, presentationTimeMs: 326198 });
  assert.deepEqual(one(`#EXT-X-CUE:ID="100",TYPE="scte35",DURATION=30.000000,TIME=1544716520.022760,CUE="${OUT}"`), {
    kind: 'out',
    dialect: 'adobe-cue',
    ...at,
    scte35Text: OUT,
    scte35: section(OUT),
    id: '100',
    eventId: 100,
    durationMs: 30000,
    presentationTimeMs: 1544716520023,
  });
  assert.deepEqual(one('#EXT-X-CUE-CONT:ID=1,AVAIL-DUR-ELAPSED=5.8'), { kind: 'cont', dialect: 'adobe-cue', ...at, id: '1', eventId: 1, elapsedMs: 5800 });
  assert.deepEqual(read('#EXT-X-CUE:TYPE="Whatever",ID="1"').issues, ['HLS_BAD_CUE@4']);
  assert.deepEqual(read('#EXT-X-CUE:TYPE="scte35",ID="1"').issues, ['HLS_BAD_CUE@4']);
});

test('the payload wins over the tag text and every disagreement is an HLS_CUE_CONFLICT', () => {
  const dur = read(`#EXT-X-CUE-OUT-CONT:ElapsedTime=6,Duration=31,SCTE35=${OUT}`);
  assert.equal(dur.signals[0]!.durationMs, 30000);
  assert.deepEqual(dur.issues, ['HLS_CUE_CONFLICT@4']);
  // A duration is compared within the precision it is written with: "30.4" means ±50 ms, "30.0" matches 30 s.
  assert.deepEqual(read(`#EXT-X-CUE-OUT-CONT:ElapsedTime=6,Duration=30.4,SCTE35=${OUT}`).issues, ['HLS_CUE_CONFLICT@4']);
  assert.deepEqual(read(`#EXT-X-CUE-OUT-CONT:ElapsedTime=6,Duration=30.0,SCTE35=${OUT}`).issues, []);
  const id = read(`#EXT-X-SCTE35:CUE="${OUT}",ID="99",CUE-OUT=YES`);
  assert.equal(id.signals[0]!.eventId, 100);
  assert.deepEqual(id.issues, ['HLS_CUE_CONFLICT@4']);
  const type = read(`#EXT-X-SCTE35:CUE="${AD_START}",TYPE=0x34,CUE-OUT=YES`);
  assert.equal(type.signals[0]!.segmentationTypeId, 0x30);
  assert.deepEqual(type.issues, ['HLS_CUE_CONFLICT@4']);
  // An IN payload on an OUT tag: the tag's kind stands, the payload's values are not used.
  const kind = read(`#EXT-X-SCTE35:CUE="${IN}",DURATION=30,CUE-OUT=YES`);
  assert.deepEqual(kind.signals[0], { kind: 'out', dialect: 'scte35-tag', ...at, scte35Text: IN, scte35: section(IN), durationMs: 30000 });
  assert.deepEqual(kind.issues, ['HLS_CUE_CONFLICT@4']);
  const conflict = adSignals(parseM3u8(`#EXTM3U\n#EXT-X-SCTE35:CUE="${IN}",CUE-OUT=YES\n#EXTINF:6,\na.ts\n`).value).issues[0];
  assert.deepEqual(conflict, {
    code: 'HLS_CUE_CONFLICT',
    severity: 'warning',
    message: '#EXT-X-SCTE35 says out but its SCTE-35 payload says in',
    line: 2,
    field: 'kind',
    tagValue: 'out',
    scte35Value: 'in',
  });
});

test('EXT-X-DATERANGE: positions from START-DATE on the PDT timeline; END-ON-NEXT gives the duration; no PDT falls back to the line', () => {
  const text = [
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:6',
    '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:00Z',
    '#EXT-X-DATERANGE:ID="a",CLASS="ads",START-DATE="2025-01-01T00:00:12.1Z",END-ON-NEXT=YES,SCTE35-OUT=0xFC',
    '#EXT-X-DATERANGE:ID="b",CLASS="ads",START-DATE="2025-01-01T00:00:30Z",SCTE35-CMD=0xFC',
    ...Array.from({ length: 6 }, (_, i) => [`#EXTINF:6,`, `s${i}.ts`]).flat(),
  ].join('\n');
  const r = adSignals(parseM3u8(text).value);
  assert.deepEqual(
    r.value.map((s) => [s.kind, s.segmentIndex, s.timeMs! - Date.UTC(2025, 0, 1), s.durationMs]),
    [
      ['out', 2, 12100, 17900],
      ['cmd', 5, 30000, undefined],
    ],
  );
  const noPdt = adSignals(parseM3u8('#EXTM3U\n#EXTINF:6,\na.ts\n#EXT-X-DATERANGE:ID="a",START-DATE="2025-01-01T00:00:12Z",SCTE35-OUT=0xFC\n#EXTINF:6,\nb.ts\n').value);
  assert.equal(noPdt.value[0]!.segmentIndex, 1);
});

test('a tag after the last segment applies to the next one (segment count, next media sequence)', () => {
  const r = adSignals(parseM3u8('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:6,\na.ts\n#EXT-X-CUE-IN\n').value);
  assert.deepEqual(r.value, [{ kind: 'in', dialect: 'cue-in', line: 5, segmentIndex: 1, mediaSequence: 6 }]);
});
