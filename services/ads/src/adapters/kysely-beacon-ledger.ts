// BeaconLedger over the store (table ads_beacons, created by adsMigrations): the primary key
// (ad, session, event) makes a second insert of the same beacon a no-op, across processes.
import type { Kysely } from 'kysely';
import type { BeaconLedger } from '../ports.ts';
import type { AdsTables } from './kysely-inventory-repository.ts';

export class KyselyBeaconLedger implements BeaconLedger {
  private readonly db: Kysely<AdsTables>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<AdsTables>;
  }

  async record(adId: string, sessionId: string, event: string, atMs: number): Promise<boolean> {
    const result = await this.db
      .insertInto('ads_beacons')
      .values({ ad_id: adId, session_id: sessionId, event, at_ms: atMs })
      .onConflict((oc) => oc.columns(['ad_id', 'session_id', 'event']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async prune(beforeMs: number): Promise<number> {
    const result = await this.db.deleteFrom('ads_beacons').where('at_ms', '<', beforeMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
