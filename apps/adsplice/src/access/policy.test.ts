import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredRole } from './policy.ts';

test('operators manage breaks, ads, sessions and prefetch schedules; configurations and tokens are for admins', () => {
  assert.equal(requiredRole('GET', '/v1/master/demo/index.m3u8'), undefined);
  assert.equal(requiredRole('GET', '/api/playback-configurations/demo/prefetch-schedules'), 'viewer');
  assert.equal(requiredRole('POST', '/api/playback-configurations/demo/prefetch-schedules/morning'), 'operator');
  assert.equal(requiredRole('DELETE', '/api/playback-configurations/demo/prefetch-schedules/morning'), 'operator');
  assert.equal(requiredRole('PUT', '/api/playback-configurations/demo'), 'admin');
  assert.equal(requiredRole('POST', '/api/schedules?x=1'), 'operator');
  assert.equal(requiredRole('DELETE', '/api/sessions/abc'), 'operator');
  assert.equal(requiredRole('GET', '/api/tokens'), 'admin');
});
