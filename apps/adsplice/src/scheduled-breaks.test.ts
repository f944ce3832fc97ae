import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheduledBreaks } from './scheduled-breaks.ts';

test('this process\'s origin URLs get their channel\'s scheduled breaks; other origins none', async () => {
  const asked: string[] = [];
  const request = async (_method: string, path: string) => {
    asked.push(path);
    return { statusCode: 200, body: JSON.stringify({ schedules: [{ id: 's1', channelId: 'news', startTime: '2026-12-01T08:02:00.000Z', durationSeconds: 30, spliceEventId: 77, status: 'scheduled' }] }) };
  };
  let t = Date.parse('2026-12-01T08:00:00Z');
  const breaks = scheduledBreaks(request, () => 'http://127.0.0.1:8080', () => t);
  assert.deepEqual(await breaks.upcoming('http://127.0.0.1:8080/origin/news/index.m3u8'), [{ id: 's1', startTimeMs: Date.parse('2026-12-01T08:02:00Z'), durationMs: 30_000, spliceEventId: 77 }]);
  const q = new URLSearchParams(asked[0]!.split('?')[1]);
  assert.deepEqual([q.get('channelId'), q.get('status'), q.get('from'), q.get('to')], ['news', 'scheduled,dispatched', '2026-12-01T08:00:00.000Z', '2026-12-01T08:10:00.000Z']);
  await breaks.upcoming('http://127.0.0.1:8080/origin/news/hi.m3u8');
  assert.equal(asked.length, 1, 'one scheduler query a second per channel');
  t += 1000;
  await breaks.upcoming('http://127.0.0.1:8080/origin/news/index.m3u8');
  assert.equal(asked.length, 2);
  assert.deepEqual(await breaks.upcoming('http://cdn.example.com/origin/news/index.m3u8'), []);
  assert.deepEqual(await breaks.upcoming('http://127.0.0.1:8080/elsewhere/index.m3u8'), []);
  assert.deepEqual(await scheduledBreaks(request, () => undefined, () => t).upcoming('http://127.0.0.1:8080/origin/news/index.m3u8'), [], 'not listening yet');
});
