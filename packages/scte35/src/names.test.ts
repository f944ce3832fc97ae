import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEGMENTATION_TYPE, SEGMENTATION_TYPE_NAMES, segmentationTypeName, spliceCommandName, SUB_SEGMENT_TYPES, UPID_TYPE, UPID_TYPE_NAMES, upidTypeName } from './names.ts';

test('Table 23: every segmentation type has a name, and the by-name constants agree', () => {
  assert.equal(Object.keys(SEGMENTATION_TYPE).length, Object.keys(SEGMENTATION_TYPE_NAMES).length);
  for (const [key, id] of Object.entries(SEGMENTATION_TYPE)) {
    const words = SEGMENTATION_TYPE_NAMES[id]!.replace(/[^A-Za-z ]/g, '').split(' ');
    const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
    assert.equal(key, camel, `0x${id.toString(16)}`);
  }
  assert.equal(segmentationTypeName(0x02), 'Call Ad Server');
  assert.equal(segmentationTypeName(0x50), 'Network Start');
  assert.equal(segmentationTypeName(0x60), 'Reserved');
  assert.deepStrictEqual([...SUB_SEGMENT_TYPES], [0x30, 0x32, 0x34, 0x36, 0x38, 0x3a, 0x44, 0x46]);
});

test('Table 22 and command names', () => {
  assert.equal(Object.keys(UPID_TYPE).length, Object.keys(UPID_TYPE_NAMES).length);
  assert.equal(upidTypeName(UPID_TYPE.adId), 'Ad-ID');
  assert.equal(upidTypeName(UPID_TYPE.mid), 'MID');
  assert.equal(upidTypeName(0x12), 'Reserved');
  assert.equal(spliceCommandName(0x05), 'splice_insert');
  assert.equal(spliceCommandName(0x01), 'reserved');
});
