// The forms' validators, rule by rule (what the API would refuse, said before sending).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTargeting, validateAd, validateCampaign, validateExperiment, validateRecurrence, validateSchedule, validateToken } from './validate.ts';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');

test('token: required, at least 16 characters', () => {
  assert.deepEqual(Object.keys(validateToken('')), ['token']);
  assert.match(validateToken('abc').token!, /at least 16/);
  assert.deepEqual(validateToken('  ads_0123456789abcdef  '), {});
});

test('schedule: a channel, a future whole-second start, 1–3600 s', () => {
  assert.deepEqual(validateSchedule({ channelId: 'news', start: '2026-03-02T10:01:00Z', durationSeconds: '30' }, NOW), {});
  assert.deepEqual(validateSchedule({ channelId: '', start: 'tomorrow-ish', durationSeconds: '0' }, NOW), {
    channelId: 'Choose a channel.',
    start: 'Give the start as a date and time.',
    durationSeconds: 'Duration: whole seconds from 1 to 3600.',
  });
  assert.equal(validateSchedule({ channelId: 'news', start: '2026-03-02T09:59:00Z', durationSeconds: '30' }, NOW).start, 'The start is in the past.');
  assert.equal(validateSchedule({ channelId: 'news', start: '2026-03-02T10:01:00.500Z', durationSeconds: '30' }, NOW).start, 'Breaks start on a whole second.');
  assert.ok(validateSchedule({ channelId: 'news', start: '2026-03-02T10:01:00Z', durationSeconds: '1.5' }, NOW).durationSeconds);
});

test('recurrence: HH:MM bounds and a break shorter than the interval', () => {
  assert.deepEqual(validateRecurrence({ channelId: 'news', everyMinutes: '15', from: '06:00', to: '23:59', durationSeconds: '60' }), {});
  assert.deepEqual(Object.keys(validateRecurrence({ channelId: 'news', everyMinutes: '0', from: '6:00', to: '24:00', durationSeconds: '60' })).sort(), ['everyMinutes', 'from', 'to']);
  assert.equal(validateRecurrence({ channelId: 'news', everyMinutes: '1', from: '06:00', to: '07:00', durationSeconds: '60' }).durationSeconds, 'A break must be shorter than the interval.');
});

test('campaign: name, priority 1–5, weight, flight order, targeting checked', () => {
  const ok = { advertiserId: 'adv', name: 'Spring', priority: '2', weight: '100', startAt: '', endAt: '', targeting: '' };
  assert.deepEqual(validateCampaign(ok), {});
  assert.deepEqual(Object.keys(validateCampaign({ ...ok, name: ' ', priority: '6', weight: '0' })).sort(), ['name', 'priority', 'weight']);
  assert.equal(validateCampaign({ ...ok, startAt: '2026-05-01T00:00:00Z', endAt: '2026-04-01T00:00:00Z' }).endAt, 'The end must be after the start.');
  assert.match(validateCampaign({ ...ok, targeting: '{"key":"channel"}' }).targeting!, /needs "in"/);
});

test('ad: campaign, title, creative, weight, an http(s) click-through', () => {
  const ok = { campaignId: 'c', title: 'Spot', creativeId: 'cr', weight: '100', clickThrough: '' };
  assert.deepEqual(validateAd(ok), {});
  assert.deepEqual(Object.keys(validateAd({ campaignId: '', title: '', creativeId: '', weight: 'x', clickThrough: 'javascript:alert(1)' })).sort(), ['campaignId', 'clickThrough', 'creativeId', 'title', 'weight']);
});

test('experiment: at least two variants with distinct names and weights', () => {
  assert.deepEqual(validateExperiment({ name: 'pods', variants: [{ name: 'A', weight: '50', campaignIds: '' }, { name: 'B', weight: '50', campaignIds: '' }] }), {});
  assert.deepEqual(validateExperiment({ name: '', variants: [{ name: 'A', weight: '50', campaignIds: '' }, { name: 'A', weight: '0', campaignIds: '' }] }), {
    name: 'Name the experiment.',
    'variants.1.name': 'Variant 2: "A" is used twice.',
    'variants.1.weight': 'Variant 2: weight 1 to 1000.',
  });
  assert.equal(validateExperiment({ name: 'x', variants: [{ name: 'A', weight: '1', campaignIds: '' }] }).variants, 'An experiment needs at least two variants.');
});

test('targeting: the documented rule shapes pass, a bad one is named by its path', () => {
  const docs = { all: [{ key: 'channel', in: ['news', 'sport'] }, { any: [{ key: 'device', in: ['tv'] }, { key: 'age', min: 18, max: 34 }] }, { not: { key: 'genre', in: ['kids'] } }, { daypart: { days: ['mon', 'fri'], from: '06:00', to: '09:30' } }] };
  assert.deepEqual(parseTargeting(JSON.stringify(docs)), { value: docs });
  assert.deepEqual(parseTargeting(''), { value: null });
  assert.match(parseTargeting('{"all": [').error!, /not JSON/);
  assert.equal(parseTargeting('{"all":[{"key":"age","min":40,"max":30}]}').error, 'Targeting $.all[0]: min is above max.');
  assert.equal(parseTargeting('{"any":[{"daypart":{"from":"6","to":"09:00"}}]}').error, 'Targeting $.any[0].daypart: from and to as HH:MM.');
  assert.equal(parseTargeting('{"weather":"sunny"}').error, 'Targeting $: expected all, any, not, key or daypart.');
});
