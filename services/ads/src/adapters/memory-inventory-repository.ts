// InventoryRepository in memory: for tests and for a store-less ADS.
import type { FallbackSettings, InventoryItems, InventoryKind, InventoryKinds, InventorySnapshot } from '../inventory.ts';
import { INVENTORY_KINDS } from '../inventory.ts';
import type { DeleteResult, InventoryRepository, ListFilter } from '../ports.ts';

type AnyItem = InventoryKinds[InventoryKind];

/** Whether `item` (of `kind`) passes `filter`'s field conditions. Shared with the contract of the Kysely adapter. */
export function matchesFilter(kind: InventoryKind, item: AnyItem, filter: ListFilter): boolean {
  const rec = item as unknown as Record<string, unknown>;
  if (filter.advertiserId !== undefined && (kind === 'campaigns' || kind === 'ads') && rec.advertiserId !== filter.advertiserId) return false;
  if (filter.campaignId !== undefined && kind === 'ads' && rec.campaignId !== filter.campaignId) return false;
  if (filter.active !== undefined && (kind === 'campaigns' || kind === 'ads' || kind === 'experiments') && rec.active !== filter.active) return false;
  return true;
}

/** Who refers to an item of `kind` (advertiser ← campaigns, campaign ← ads, creative ← ads). */
export const REFERRERS: Partial<Record<InventoryKind, { kind: InventoryKind; field: string }>> = {
  advertisers: { kind: 'campaigns', field: 'advertiserId' },
  campaigns: { kind: 'ads', field: 'campaignId' },
  creatives: { kind: 'ads', field: 'creativeId' },
};

export class MemoryInventoryRepository implements InventoryRepository {
  private readonly items = new Map<InventoryKind, Map<string, AnyItem>>(INVENTORY_KINDS.map((k) => [k, new Map()]));
  private fallbackSettings: FallbackSettings = { adIds: [] };
  private currentVersion = 0;

  private table<K extends InventoryKind>(kind: K): Map<string, InventoryKinds[K]> {
    return this.items.get(kind) as Map<string, InventoryKinds[K]>;
  }

  async snapshot(): Promise<InventorySnapshot> {
    const all = <K extends InventoryKind>(k: K): InventoryKinds[K][] => [...this.table(k).values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => structuredClone(x));
    return {
      version: this.currentVersion,
      advertisers: all('advertisers'),
      campaigns: all('campaigns'),
      ads: all('ads'),
      creatives: all('creatives'),
      experiments: all('experiments'),
      channels: all('channels'),
      fallback: structuredClone(this.fallbackSettings),
    };
  }

  async version(): Promise<number> {
    return this.currentVersion;
  }

  async list<K extends InventoryKind>(kind: K, filter: ListFilter): Promise<{ items: InventoryKinds[K][]; total: number }> {
    const matching = [...this.table(kind).values()].filter((x) => matchesFilter(kind, x, filter)).sort((a, b) => (a.id < b.id ? -1 : 1));
    return { items: matching.slice(filter.offset, filter.offset + filter.limit).map((x) => structuredClone(x)), total: matching.length };
  }

  async get<K extends InventoryKind>(kind: K, id: string): Promise<InventoryKinds[K] | undefined> {
    const x = this.table(kind).get(id);
    return x ? structuredClone(x) : undefined;
  }

  async create<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean> {
    const t = this.table(kind);
    if (t.has(item.id)) return false;
    t.set(item.id, structuredClone(item));
    this.currentVersion++;
    return true;
  }

  async update<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean> {
    const t = this.table(kind);
    if (!t.has(item.id)) return false;
    t.set(item.id, structuredClone(item));
    this.currentVersion++;
    return true;
  }

  async delete(kind: InventoryKind, id: string): Promise<DeleteResult> {
    const t = this.table(kind);
    if (!t.has(id)) return 'not-found';
    const ref = REFERRERS[kind];
    if (ref && [...this.table(ref.kind).values()].some((x) => (x as unknown as Record<string, unknown>)[ref.field] === id)) return 'in-use';
    t.delete(id);
    this.currentVersion++;
    return 'deleted';
  }

  async createMany(items: InventoryItems): Promise<boolean> {
    for (const kind of INVENTORY_KINDS) {
      const list = items[kind] ?? [];
      const ids = new Set(list.map((x) => x.id));
      if (ids.size !== list.length || list.some((x) => this.table(kind).has(x.id))) return false;
    }
    for (const kind of INVENTORY_KINDS) for (const x of items[kind] ?? []) this.table(kind).set(x.id, structuredClone(x));
    this.currentVersion++;
    return true;
  }

  async fallback(): Promise<FallbackSettings> {
    return structuredClone(this.fallbackSettings);
  }

  async setFallback(fallback: FallbackSettings): Promise<void> {
    this.fallbackSettings = structuredClone(fallback);
    this.currentVersion++;
  }
}
