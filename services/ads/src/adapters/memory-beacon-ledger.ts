// BeaconLedger in memory: for tests and a single ADS process. Bounded: past `maxEntries` the
// oldest beacons are forgotten first (prune forgets those older than the beacon lifetime).
import type { BeaconLedger } from '../ports.ts';

export class MemoryBeaconLedger implements BeaconLedger {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 1_000_000) {}

  async record(adId: string, sessionId: string, event: string, atMs: number): Promise<boolean> {
    const key = `${adId}\n${sessionId}\n${event}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, atMs);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  async prune(beforeMs: number): Promise<number> {
    let n = 0;
    for (const [key, at] of this.seen) {
      if (at < beforeMs) {
        this.seen.delete(key);
        n++;
      }
    }
    return n;
  }
}
