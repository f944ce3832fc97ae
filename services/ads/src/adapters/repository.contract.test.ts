// One contract suite for every InventoryRepository and BeaconLedger: memory, SQLite and PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '@adsplice/store';
import { DATABASES } from '@adsplice/testing';
import type { BeaconLedger, InventoryRepository } from '../ports.ts';
import { ad, advertiser, campaign, creative, experiment } from '../testing/builders.ts';
import { KyselyBeaconLedger } from './kysely-beacon-ledger.ts';
import { adsMigrations, KyselyInventoryRepository } from './kysely-inventory-repository.ts';
import { MemoryBeaconLedger } from './memory-beacon-ledger.ts';
import { MemoryInventoryRepository } from './memory-inventory-repository.ts';

interface Opened {
  repo: InventoryRepository;
  /** A second repository on the same store (another ADS process). */
  other: InventoryRepository;
  ledger: BeaconLedger;
  close: () => Promise<void>;
}

function contract(open: () => Promise<Opened>) {
  const base = () => {
    const a = advertiser('acme', { categories: ['IAB2'] });
    const c1 = campaign('c1', 'acme', { targeting: { all: [{ key: 'channel', in: ['news'] }, { daypart: { from: '06:00', to: '09:00' } }] }, frequencyCaps: [{ scope: 'session', max: 2, windowSeconds: 600 }] });
    const c2 = campaign('c2', 'acme', { active: false });
    const cr = creative('cr15', 15_000);
    return { a, c1, c2, cr, ads: [ad('x1', c1, cr), ad('x2', c1, cr, { active: false }), ad('x3', c2, cr)] };
  };

  test('create, get, update, delete, and documents survive exactly', async () => {
    const { repo, other, close } = await open();
    try {
      const { a, c1 } = base();
      assert.equal(await repo.create('advertisers', a), true);
      assert.equal(await repo.create('advertisers', a), false, 'a second create with the same id is refused');
      assert.deepEqual(await other.get('advertisers', 'acme'), a);
      assert.equal(await repo.get('advertisers', 'nope'), undefined);
      await repo.create('campaigns', c1);
      assert.deepEqual(await other.get('campaigns', 'c1'), c1, 'nested targeting and caps round-trip');
      assert.equal(await repo.update('campaigns', { ...c1, name: 'Renamed', active: false }), true);
      assert.deepEqual(await other.get('campaigns', 'c1'), { ...c1, name: 'Renamed', active: false });
      assert.equal(await repo.update('campaigns', { ...c1, id: 'ghost' }), false);
      assert.equal(await repo.delete('campaigns', 'c1'), 'deleted');
      assert.equal(await repo.delete('campaigns', 'c1'), 'not-found');
    } finally {
      await close();
    }
  });

  test('lists filter by advertiser, campaign and active, in id order, with paging and totals', async () => {
    const { repo, close } = await open();
    try {
      const { a, c1, c2, cr, ads } = base();
      assert.equal(await repo.createMany({ advertisers: [a, advertiser('zeta')], campaigns: [c1, c2, campaign('c3', 'zeta')], creatives: [cr], ads }), true);
      const ids = async (p: Promise<{ items: { id: string }[]; total: number }>) => {
        const r = await p;
        return [r.items.map((x) => x.id), r.total];
      };
      assert.deepEqual(await ids(repo.list('campaigns', { advertiserId: 'acme', limit: 10, offset: 0 })), [['c1', 'c2'], 2]);
      assert.deepEqual(await ids(repo.list('campaigns', { active: true, limit: 10, offset: 0 })), [['c1', 'c3'], 2]);
      assert.deepEqual(await ids(repo.list('ads', { campaignId: 'c1', limit: 10, offset: 0 })), [['x1', 'x2'], 2]);
      assert.deepEqual(await ids(repo.list('ads', { advertiserId: 'acme', active: true, limit: 10, offset: 0 })), [['x1', 'x3'], 2]);
      assert.deepEqual(await ids(repo.list('ads', { limit: 2, offset: 1 })), [['x2', 'x3'], 3]);
      assert.deepEqual(await ids(repo.list('ads', { limit: 2, offset: 5 })), [[], 3]);
      assert.deepEqual(await ids(repo.list('advertisers', { active: true, campaignId: 'c1', limit: 10, offset: 0 })), [['acme', 'zeta'], 2], 'filters a kind lacks are ignored');
    } finally {
      await close();
    }
  });

  test('delete refuses while others refer to the item, and deletes nothing', async () => {
    const { repo, close } = await open();
    try {
      const { a, c1, cr, ads } = base();
      await repo.createMany({ advertisers: [a], campaigns: [c1], creatives: [cr], ads: [ads[0]!] });
      assert.equal(await repo.delete('advertisers', 'acme'), 'in-use');
      assert.equal(await repo.delete('campaigns', 'c1'), 'in-use');
      assert.equal(await repo.delete('creatives', 'cr15'), 'in-use');
      assert.equal(await repo.delete('ads', 'x1'), 'deleted');
      assert.equal(await repo.delete('creatives', 'cr15'), 'deleted');
      assert.equal(await repo.delete('campaigns', 'c1'), 'deleted');
      assert.equal(await repo.delete('advertisers', 'acme'), 'deleted');
    } finally {
      await close();
    }
  });

  test('createMany is all or nothing', async () => {
    const { repo, close } = await open();
    try {
      const { a, c1 } = base();
      await repo.create('campaigns', c1);
      const before = await repo.version();
      assert.equal(await repo.createMany({ advertisers: [a], campaigns: [c1] }), false, 'c1 exists');
      assert.equal(await repo.get('advertisers', 'acme'), undefined, 'nothing written');
      assert.equal(await repo.createMany({ advertisers: [a, a] }), false, 'a duplicate id inside the batch');
      assert.equal(await repo.version(), before);
    } finally {
      await close();
    }
  });

  test('every write moves the version another process sees; the snapshot is whole', async () => {
    const { repo, other, close } = await open();
    try {
      const { a, c1, c2, cr, ads } = base();
      const v0 = await other.version();
      await repo.createMany({ advertisers: [a], campaigns: [c1, c2], creatives: [cr], ads });
      const v1 = await other.version();
      assert.ok(v1 > v0);
      await repo.create('experiments', experiment('e1'));
      await repo.create('channels', { id: 'news', timeZone: 'Asia/Seoul', updatedAt: '2026-11-22T12:00:00.000Z' });
      await repo.setFallback({ adIds: ['x1'] });
      const v2 = await other.version();
      assert.ok(v2 >= v1 + 3);
      const snap = await other.snapshot();
      assert.equal(snap.version, v2);
      assert.deepEqual(
        [snap.advertisers, snap.campaigns, snap.ads, snap.creatives, snap.experiments.map((e) => e.id), snap.channels.map((c) => c.timeZone), snap.fallback],
        [[a], [c1, c2], ads, [cr], ['e1'], ['Asia/Seoul'], { adIds: ['x1'] }],
      );
      assert.deepEqual(await other.fallback(), { adIds: ['x1'] });
      await repo.setFallback({ adIds: [] });
      assert.deepEqual(await other.fallback(), { adIds: [] });
      assert.equal(await repo.update('advertisers', { ...a, id: 'none' }), false);
      assert.equal(await other.version(), v2 + 1, 'a failed update does not move the version');
    } finally {
      await close();
    }
  });

  test('the beacon ledger records each (ad, session, event) once, across processes, and prunes old ones', async () => {
    const { ledger, close } = await open();
    try {
      assert.equal(await ledger.record('ad1', 's1', 'impression', 1000), true);
      assert.equal(await ledger.record('ad1', 's1', 'impression', 2000), false);
      const results = await Promise.all([ledger.record('ad1', 's1', 'start', 3000), ledger.record('ad1', 's1', 'start', 3000)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(await ledger.record('ad1', 's2', 'impression', 4000), true);
      assert.equal(await ledger.prune(3500), 2);
      assert.equal(await ledger.record('ad1', 's1', 'impression', 5000), true, 'forgotten after pruning');
    } finally {
      await close();
    }
  });
}

describe('memory adapters', () =>
  contract(async () => {
    const repo = new MemoryInventoryRepository();
    return { repo, other: repo, ledger: new MemoryBeaconLedger(), close: async () => {} };
  }));

for (const target of DATABASES) {
  describe(`Kysely adapters on ${target.name}`, async () => {
    const skip = await target.unavailable();
    if (skip) {
      test(`skipped: ${skip}`, { skip }, () => {});
      return;
    }
    contract(async () => {
      const database = await target.open();
      await migrate(database.db, adsMigrations);
      const second = await database.reopen();
      return {
        repo: new KyselyInventoryRepository(database.db, database.dialect),
        other: new KyselyInventoryRepository(second.db, second.dialect),
        ledger: new KyselyBeaconLedger(second.db),
        close: async () => {
          await second.close();
          await database.close();
        },
      };
    });
  });
}
