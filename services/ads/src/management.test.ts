// The management API over HTTP: CRUD with filters and paging, and refusals that change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { MemoryInventoryRepository } from './adapters/memory-inventory-repository.ts';
import { creative } from './testing/builders.ts';
import { testAds, type TestAds } from './testing/app.ts';

async function withCreatives(): Promise<TestAds> {
  const repo = new MemoryInventoryRepository();
  await repo.createMany({ creatives: [creative('cr15', 15_000), creative('cr30', 30_000)] });
  return testAds({ repo });
}

function ok(r: LightMyRequestResponse, status: number): Record<string, unknown> {
  assert.equal(r.statusCode, status, r.body);
  return r.statusCode === 204 ? {} : (r.json() as Record<string, unknown>);
}

test('advertisers, campaigns and ads: create with defaults, read, update in part, list with filters and paging, delete in order', async () => {
  const t = await withCreatives();
  try {
    const inject = t.app.inject.bind(t.app);
    const adv = ok(await inject({ method: 'POST', url: '/api/ads/advertisers', payload: { name: 'Acme', domain: 'Acme.example', categories: ['IAB2'] } }), 201);
    assert.match(adv.id as string, /^adv-[0-9a-f]{12}$/);
    assert.deepEqual([adv.domain, adv.createdAt], ['acme.example', new Date(t.clock.now()).toISOString()]);
    ok(await inject({ method: 'POST', url: '/api/ads/advertisers', payload: { id: 'zeta', name: 'Zeta' } }), 201);

    const cmp = ok(
      await inject({
        method: 'POST',
        url: '/api/ads/campaigns',
        payload: { id: 'spring', advertiserId: adv.id, name: 'Spring', endAt: '2026-12-31T00:00:00+09:00', impressionGoal: 100000, dailyCap: 5000, frequencyCaps: [{ max: 3, windowSeconds: 3600 }], targeting: { key: 'genre', in: ['news'] } },
      }),
      201,
    );
    assert.deepEqual(
      { ...cmp, createdAt: undefined, updatedAt: undefined },
      {
        id: 'spring',
        advertiserId: adv.id,
        name: 'Spring',
        active: true,
        startAt: new Date(t.clock.now()).toISOString(),
        endAt: '2026-12-30T15:00:00.000Z',
        priority: 2,
        impressionGoal: 100000,
        dailyCap: 5000,
        pacing: 'even',
        weight: 100,
        frequencyCaps: [{ scope: 'session', max: 3, windowSeconds: 3600 }],
        targeting: { key: 'genre', in: ['news'] },
        categories: [],
        timeZone: null,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    ok(await inject({ method: 'POST', url: '/api/ads/campaigns', payload: { id: 'autumn', advertiserId: 'zeta', name: 'Autumn', active: false } }), 201);

    const a1 = ok(await inject({ method: 'POST', url: '/api/ads/ads', payload: { id: 'spot-1', campaignId: 'spring', title: 'Spot 1', creativeId: 'cr15', clickThrough: 'https://acme.example/spring' } }), 201);
    assert.deepEqual([a1.durationMs, a1.advertiserId, a1.active], [15_000, adv.id, true], 'duration from the creative, advertiser from the campaign');
    ok(await inject({ method: 'POST', url: '/api/ads/ads', payload: { id: 'spot-2', campaignId: 'spring', title: 'Spot 2', creativeId: 'cr30', active: false } }), 201);
    ok(await inject({ method: 'POST', url: '/api/ads/ads', payload: { id: 'spot-3', campaignId: 'autumn', title: 'Spot 3', creativeId: 'cr30' } }), 201);

    const list = async (url: string) => {
      const r = ok(await inject(url), 200) as { items: { id: string }[]; total: number };
      return [r.items.map((x) => x.id), r.total];
    };
    assert.deepEqual(await list(`/api/ads/campaigns?advertiserId=${adv.id}`), [['spring'], 1]);
    assert.deepEqual(await list('/api/ads/campaigns?active=false'), [['autumn'], 1]);
    assert.deepEqual(await list('/api/ads/ads?campaignId=spring'), [['spot-1', 'spot-2'], 2]);
    assert.deepEqual(await list(`/api/ads/ads?advertiserId=${adv.id}&active=true`), [['spot-1'], 1]);
    assert.deepEqual(await list('/api/ads/ads?limit=1&offset=1'), [['spot-2'], 3]);
    assert.equal((await inject('/api/ads/ads?limit=0')).statusCode, 400);
    assert.equal((await inject('/api/ads/ads?limit=5000')).statusCode, 400);

    const put = ok(await inject({ method: 'PUT', url: '/api/ads/ads/spot-2', payload: { active: true, creativeId: 'cr15', weight: 300 } }), 200);
    assert.deepEqual([put.active, put.durationMs, put.weight, put.title, put.createdAt], [true, 15_000, 300, 'Spot 2', a1.createdAt]);
    assert.deepEqual(ok(await inject('/api/ads/ads/spot-2'), 200), put);

    const status = ok(await inject('/api/ads/status'), 200);
    assert.deepEqual([status.liveCampaigns, status.ads], [1, 3]);

    const inUse = await inject({ method: 'DELETE', url: '/api/ads/campaigns/spring' });
    assert.deepEqual([inUse.statusCode, inUse.json().code], [409, 'ADS_IN_USE']);
    ok(await inject({ method: 'DELETE', url: '/api/ads/ads/spot-1' }), 204);
    ok(await inject({ method: 'DELETE', url: '/api/ads/ads/spot-2' }), 204);
    ok(await inject({ method: 'DELETE', url: '/api/ads/campaigns/spring' }), 204);
    ok(await inject({ method: 'DELETE', url: `/api/ads/advertisers/${adv.id}` }), 204);
    for (const url of [`/api/ads/advertisers/${adv.id}`, '/api/ads/campaigns/spring', '/api/ads/ads/spot-1', '/api/ads/experiments/x', '/api/ads/channels/x', '/api/ads/creatives/x']) {
      const r = await inject(url);
      assert.equal(r.statusCode, 404, url);
      assert.match(r.json().code, /^ADS_[A-Z]+_NOT_FOUND$/);
    }
  } finally {
    await t.close();
  }
});

test('invalid management requests answer a clear 400/404/409 and change nothing', async () => {
  const t = await withCreatives();
  try {
    const inject = t.app.inject.bind(t.app);
    ok(await inject({ method: 'POST', url: '/api/ads/advertisers', payload: { id: 'acme', name: 'Acme' } }), 201);
    ok(await inject({ method: 'POST', url: '/api/ads/campaigns', payload: { id: 'c1', advertiserId: 'acme', name: 'C1' } }), 201);
    ok(await inject({ method: 'POST', url: '/api/ads/ads', payload: { id: 'a1', campaignId: 'c1', title: 'A1', creativeId: 'cr15' } }), 201);
    const before = JSON.stringify(await t.repo.snapshot());
    const vastBefore = (await inject('/ads/vast?duration=30&sessionId=z')).body.replace(/<AdServingId>[^<]+|sig=[^&<]+/g, '');

    const cases: [string, string, unknown, number, string, string?][] = [
      ['POST', '/api/ads/advertisers', { name: '' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/ads/advertisers', { name: 'X', domain: 'not a domain' }, 400, 'ADS_INVALID', 'domain'],
      ['POST', '/api/ads/advertisers', { id: 'acme', name: 'Again' }, 409, 'ADS_EXISTS'],
      ['POST', '/api/ads/advertisers', { name: 'X', colour: 'red' }, 400, 'ADS_INVALID', 'colour'],
      ['POST', '/api/ads/advertisers', [1, 2], 400, 'VALIDATION_FAILED'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'nobody', name: 'C' }, 400, 'ADS_UNKNOWN_REFERENCE'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', startAt: '2026-12-01T00:00:00Z', endAt: '2026-11-01T00:00:00Z' }, 400, 'ADS_INVALID', 'endAt'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', startAt: 'yesterday' }, 400, 'ADS_INVALID', 'startAt'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', priority: 9 }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', targeting: { all: [{ key: 'genre', in: [] }] } }, 400, 'ADS_INVALID_TARGETING', 'targeting'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', timeZone: 'Nowhere/Town' }, 400, 'ADS_INVALID', 'timeZone'],
      ['POST', '/api/ads/campaigns', { advertiserId: 'acme', name: 'C', frequencyCaps: [{ scope: 'device', max: 1, windowSeconds: 60 }] }, 400, 'VALIDATION_FAILED'],
      ['PUT', '/api/ads/campaigns/c1', { advertiserId: 'other' }, 400, 'ADS_INVALID', 'advertiserId'],
      ['PUT', '/api/ads/campaigns/c1', { id: 'c2' }, 400, 'ADS_INVALID', 'id'],
      ['PUT', '/api/ads/campaigns/c1', { weight: 0 }, 400, 'VALIDATION_FAILED'],
      ['PUT', '/api/ads/campaigns/nope', { weight: 5 }, 404, 'ADS_CAMPAIGN_NOT_FOUND'],
      ['POST', '/api/ads/ads', { campaignId: 'c1', title: 'T', creativeId: 'missing' }, 400, 'ADS_UNKNOWN_REFERENCE'],
      ['POST', '/api/ads/ads', { campaignId: 'c1', title: 'T', creativeId: 'cr15', clickThrough: 'javascript:alert(1)' }, 400, 'ADS_INVALID', 'clickThrough'],
      ['POST', '/api/ads/experiments', { name: 'E', variants: [{ name: 'a' }, { name: 'a' }] }, 400, 'ADS_INVALID', 'variants[1].name'],
      ['POST', '/api/ads/experiments', { name: 'E', variants: [{ name: 'a', campaignIds: ['ghost'] }] }, 400, 'ADS_UNKNOWN_REFERENCE'],
      ['PUT', '/api/ads/fallback', { adIds: ['ghost'] }, 400, 'ADS_UNKNOWN_REFERENCE'],
      ['PUT', '/api/ads/channels/news', { timeZone: 'Mars/Olympus' }, 400, 'ADS_INVALID', 'timeZone'],
      ['DELETE', '/api/ads/advertisers/acme', undefined, 409, 'ADS_IN_USE'],
      ['DELETE', '/api/ads/creatives/cr15', undefined, 409, 'ADS_IN_USE'],
    ];
    for (const [method, url, payload, status, code, field] of cases) {
      const r = await inject({ method: method as 'POST', url, ...(payload !== undefined ? { payload: payload as object } : {}) });
      assert.equal(r.statusCode, status, `${method} ${url} ${JSON.stringify(payload)} → ${r.body}`);
      const body = r.json();
      assert.equal(body.code, code, `${method} ${url} ${JSON.stringify(payload)}`);
      assert.equal(typeof body.message, 'string');
      if (field) assert.ok(body.message.startsWith(`${field}:`), `${body.message} names ${field}`);
    }
    assert.equal(JSON.stringify(await t.repo.snapshot()), before, 'nothing stored changed (not even the version)');
    const vastAfter = (await inject('/ads/vast?duration=30&sessionId=z')).body.replace(/<AdServingId>[^<]+|sig=[^&<]+/g, '');
    assert.equal(vastAfter, vastBefore, 'decisions did not change');
    assert.deepEqual(t.errors, []);
  } finally {
    await t.close();
  }
});
