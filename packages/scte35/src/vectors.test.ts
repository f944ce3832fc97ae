// Every cue of the shared SCTE-35 vectors (fixtures/scte35/vectors.json): decoded and compared
// whole with what its source asserts, its issues checked, and re-encoded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { toHex } from '@adsplice/bits';
import { decode, decodeHex } from './decode.ts';
import { encodeSection } from './encode.ts';
import { stripDerived } from './testing/arbitraries.ts';
import type { SpliceInfoSection } from './types.ts';
import { latin1 } from './upid-format.ts';

const VECTORS = new URL('../../../../shared/fixtures/scte35/vectors.json', import.meta.url);
const present = existsSync(VECTORS);

interface Vector {
  id: string;
  base64: string;
  hex_as_given?: string;
  expected: Record<string, unknown>;
  source_notes?: string;
  tags?: string[];
}

const vectors: Vector[] = present ? (JSON.parse(readFileSync(VECTORS, 'utf8')) as Vector[]) : [];

/**
 * Where a source asserts a value its own bytes contradict, and source_notes says so: the bytes win.
 * Each entry names the note that justifies it (checked below).
 */
const BYTES_OVER_SOURCE: Record<string, { path: (string | number)[]; value: unknown; noteSays: string }[]> = {
  'mediatailor-doc-overlay-0x38': [{ path: ['descriptors', 0, 'segmentation_duration'], value: 900000, noteSays: 'segmentation_duration = 900000' }],
};

/** The issue codes each vector must produce (none unless listed), in order. */
const EXPECTED_ISSUES: Record<string, string[]> = {
  'spec-14.1-time_signal-ppo-start': ['SCTE35_SUB_SEGMENT_MISSING'],
  'js-ts-pts-adjustment-5428164841': ['SCTE35_RESERVED_BITS', 'SCTE35_RESERVED_BITS', 'SCTE35_SUB_SEGMENT_MISSING', 'SCTE35_RESERVED_BITS', 'SCTE35_SUB_SEGMENT_MISSING'],
  'js-ts-two-descriptors': ['SCTE35_SUB_SEGMENT_MISSING'],
  'js-ts-legacy-cmdlen-0xfff-no-padding': ['SCTE35_COMMAND_LENGTH_LEGACY', 'SCTE35_SUB_SEGMENT_MISSING'],
  'js-si-legacy-cmdlen-0xfff-no-padding': ['SCTE35_COMMAND_LENGTH_LEGACY'],
  'astro-ts-three-descriptors-no-subsegment': ['SCTE35_RESERVED_BITS', 'SCTE35_RESERVED_BITS', 'SCTE35_SUB_SEGMENT_MISSING', 'SCTE35_RESERVED_BITS', 'SCTE35_SUB_SEGMENT_MISSING'],
  'astro-si-immediate-out-trailing-byte': ['SCTE35_TRAILING_BYTES'],
  'ryukw7-si-183-byte-ts-payload': ['SCTE35_TRAILING_STUFFING'],
  'ryukw7-splice_schedule': ['SCTE35_TRAILING_STUFFING'],
  'medialive-doc-scte35-enhanced-oatcls': ['SCTE35_SUB_SEGMENT_MISSING'],
  'threefive-doc-usp-immediate-out-14295014': ['SCTE35_CRC_MISMATCH'],
  'threefive-doc-usp-immediate-out-14268724': ['SCTE35_CRC_MISMATCH'],
};

/** Issues that mean the bytes are not what our encoder writes for the same fields. */
const NOT_CANONICAL = new Set(['SCTE35_RESERVED_BITS', 'SCTE35_COMMAND_LENGTH_LEGACY', 'SCTE35_CRC_MISMATCH']);

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const fourcc = (n: number) => String.fromCharCode(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const isInformational = (k: string) => k.endsWith('_as_given') || k.endsWith('_as_given_in_json') || k === 'rendering' || k.endsWith('_ticks_converted_from_seconds');

type Obj = Record<string, unknown>;

/** A UPID as a source gave it: hex ("0x…", leading zeros optional) means a number; text forms mean text. */
function upidAssertion(valueAsGiven: string): Obj {
  if (/^0x[0-9a-f]+$/i.test(valueAsGiven)) return { number: BigInt(valueAsGiven) };
  const quoted = /= '(.*)'$/.exec(valueAsGiven);
  if (quoted) return { text: quoted[1] };
  const ascii = /^(.*) \(ASCII\)$/.exec(valueAsGiven);
  if (ascii) return { text: ascii[1] };
  throw new Error(`unrecognised value_as_given: ${valueAsGiven}`);
}

/** The expected object with informational fields dropped and UPIDs turned into assertions. */
function asserted(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(asserted);
  if (e === null || typeof e !== 'object') return e;
  const out: Obj = {};
  for (const [k, v] of Object.entries(e as Obj)) {
    if (k === 'segmentation_upid') out[k] = upidAssertion((v as Obj).value_as_given as string);
    else if (!isInformational(k)) out[k] = asserted(v);
  }
  return out;
}

function upidView(raw: Uint8Array, shape: Obj): Obj {
  return 'number' in shape ? { number: raw.length ? BigInt('0x' + toHex(raw)) : 0n } : { text: latin1(raw) };
}

/** Our decoded value in the vector's snake_case shape, holding exactly the keys `shape` has. */
function viewOf(ours: unknown, shape: unknown, ctx: { section: SpliceInfoSection; issues: { code: string; trailingBytes?: unknown }[] }): unknown {
  if (Array.isArray(shape)) {
    const arr = (ours as unknown[] | undefined) ?? [];
    return arr.map((x, i) => viewOf(x, shape[i] ?? shape[shape.length - 1] ?? {}, ctx));
  }
  if (shape === null || typeof shape !== 'object') return ours === undefined ? null : ours;
  const o = (ours ?? {}) as Obj;
  const out: Obj = {};
  for (const [k, sub] of Object.entries(shape as Obj)) {
    switch (k) {
      case 'splice_command':
        out[k] = viewOf(ctx.section.spliceCommand, sub, ctx);
        break;
      case 'time_specified_flag':
        out[k] = (o.spliceTime as Obj | undefined)?.timeSpecifiedFlag ?? null;
        break;
      case 'pts_time':
        out[k] = (o.spliceTime as Obj | undefined)?.ptsTime ?? null;
        break;
      case 'component_count':
        out[k] = (o.components as unknown[] | undefined)?.length ?? 0;
        break;
      case 'splice_count':
        out[k] = (o.events as unknown[]).length;
        break;
      case 'descriptor_count':
        out[k] = ctx.section.descriptors.length;
        break;
      case 'crc_32':
      case 'crc_32_of_section':
        out[k] = ctx.section.crc32;
        break;
      case 'trailing_bytes':
        out[k] = ctx.issues.find((i) => i.code === 'SCTE35_TRAILING_BYTES' || i.code === 'SCTE35_TRAILING_STUFFING')?.trailingBytes ?? 0;
        break;
      case 'identifier':
        out[k] = typeof o.identifier === 'number' && 'spliceDescriptorTag' in o ? fourcc(o.identifier) : o.identifier;
        break;
      case 'private_bytes_ascii':
        out[k] = latin1(o.privateBytes as Uint8Array);
        break;
      case 'segmentation_upid_type':
        out[k] = (o.segmentationUpid as Obj).segmentationUpidType;
        break;
      case 'segmentation_upid_length':
        out[k] = (o.segmentationUpid as Obj).segmentationUpidLength;
        break;
      case 'segmentation_upid':
        out[k] = upidView((o.segmentationUpid as Obj).raw as Uint8Array, sub as Obj);
        break;
      default:
        out[k] = viewOf(o[camel(k)], sub, ctx);
    }
  }
  return out;
}

/** `X_ticks_converted_from_seconds` beside `X_seconds_as_given`: equal within the seconds' printed precision. */
function convertedChecks(e: unknown, ours: unknown, path: string, out: { path: string; given: number; ours: number; tolerance: number }[]): void {
  if (e === null || typeof e !== 'object') return;
  for (const [k, v] of Object.entries(e as Obj)) {
    const m = /^(.*)_ticks_converted_from_seconds$/.exec(k);
    if (m) {
      const seconds = String((e as Obj)[`${m[1]}_seconds_as_given`]);
      const decimals = seconds.includes('.') ? seconds.split('.')[1]!.length : 0;
      const field = m[1] === 'pts_time' ? ((ours as Obj).spliceTime as Obj).ptsTime : (ours as Obj)[camel(m[1]!)];
      out.push({ path: `${path}.${k}`, given: v as number, ours: field as number, tolerance: Math.max(1, Math.ceil(0.5 * 10 ** -decimals * 90000)) });
    } else if (k === 'splice_command') convertedChecks(v, (ours as SpliceInfoSection).spliceCommand, `${path}.${k}`, out);
    else if (k === 'descriptors') (v as unknown[]).forEach((d, i) => convertedChecks(d, (ours as SpliceInfoSection).descriptors[i], `${path}.${k}[${i}]`, out));
    else if (k === 'break_duration') convertedChecks(v, (ours as Obj).breakDuration, `${path}.${k}`, out);
  }
}

function setPath(o: unknown, path: (string | number)[], value: unknown): void {
  let cur = o as Obj;
  for (const p of path.slice(0, -1)) cur = cur[p as string] as Obj;
  cur[path[path.length - 1] as string] = value;
}

if (!present) {
  test('SCTE-35 vectors: skipped because the shared fixtures folder is absent', { skip: 'shared fixtures absent' }, () => {});
}

for (const v of vectors) {
  test(`vector ${v.id}: decodes to what its source asserts`, () => {
    const { value, issues } = decode(v.base64);
    assert.ok(value, 'decoded');
    const expected = asserted(structuredClone(v.expected)) as Obj;
    for (const fix of BYTES_OVER_SOURCE[v.id] ?? []) {
      assert.ok(v.source_notes?.includes(fix.noteSays), `source_notes justify overriding ${fix.path.join('.')}`);
      setPath(expected, fix.path, fix.value);
    }
    assert.deepStrictEqual(viewOf(value, expected, { section: value, issues }), expected);
    const converted: { path: string; given: number; ours: number; tolerance: number }[] = [];
    convertedChecks(v.expected, value, '', converted);
    for (const c of converted) assert.ok(Math.abs(c.ours - c.given) <= c.tolerance, `${c.path}: ${c.ours} vs ${c.given} ± ${c.tolerance}`);
  });

  test(`vector ${v.id}: issues`, () => {
    const { issues } = decode(v.base64);
    assert.deepStrictEqual(
      issues.map((i) => i.code),
      EXPECTED_ISSUES[v.id] ?? [],
    );
  });

  test(`vector ${v.id}: re-encodes`, () => {
    const { value, issues } = decode(v.base64);
    const bytes = encodeSection(value!);
    if (!issues.some((i) => NOT_CANONICAL.has(i.code))) {
      assert.equal(toHex(bytes), toHex(value!.raw), 'canonical bytes re-encode byte for byte');
    } else {
      assert.notEqual(toHex(bytes), toHex(value!.raw));
    }
    const again = decode(toHex(bytes));
    assert.ok(again.value);
    assert.ok(!again.issues.some((i) => NOT_CANONICAL.has(i.code) || i.severity === 'fatal'), 'the re-encoding is clean');
    assert.deepStrictEqual(stripDerived(again.value), stripDerived(value!));
  });

  if (v.hex_as_given) {
    test(`vector ${v.id}: its hex decodes to the same section`, () => {
      assert.deepStrictEqual(decodeHex(v.hex_as_given!), decode(v.base64));
    });
  }
}

test('vector notes that are not fields: the facts stated in source_notes hold', { skip: present ? false : 'shared fixtures absent' }, () => {
  const byId = new Map(vectors.map((v) => [v.id, v]));
  // ryukw7-si-183-byte-ts-payload: "the section's own pts_time is 0x11226DD86 = 4599504262".
  const ts = decode(byId.get('ryukw7-si-183-byte-ts-payload')!.base64).value!.spliceCommand as { spliceTime: { ptsTime: number } };
  assert.equal(ts.spliceTime.ptsTime, 0x11226dd86);
  // The USP cues: "Computed CRC_32 of this section is 0x956ccf7c" / "0xcb5812cc".
  for (const [id, computed] of [
    ['threefive-doc-usp-immediate-out-14295014', 0x956ccf7c],
    ['threefive-doc-usp-immediate-out-14268724', 0xcb5812cc],
  ] as const) {
    const r = decode(byId.get(id)!.base64);
    assert.equal(r.value!.crcValid, false);
    assert.equal(r.issues[0]!.computedCrc32, computed);
  }
  // mediatailor-doc-overlay-0x38: the JSON's CRC (crc_32_as_given_in_json) belongs to a sibling message.
  const overlay = byId.get('mediatailor-doc-overlay-0x38')!;
  assert.notEqual(decode(overlay.base64).value!.crc32, overlay.expected.crc_32_as_given_in_json);
  // threefive-doc-ts-tier0-ptsadj-33bit: the bits say web_delivery_allowed_flag false (0xCF).
  const tf = decode(byId.get('threefive-doc-ts-tier0-ptsadj-33bit')!.base64).value!.descriptors[0] as { webDeliveryAllowedFlag: boolean };
  assert.equal(tf.webDeliveryAllowedFlag, false);
});
