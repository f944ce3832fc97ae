// Holds the compiled decision index: rebuilt after every inventory write made here, and refreshed
// from the store when its version moves (writes made by other ADS processes), polled every
// `refreshIntervalMs`. Rebuilds are serialised and coalesced; the request path only reads
// `current`, which is swapped whole.
import { compileInventory, type CompiledInventory } from './compile-inventory.ts';
import type { Clock, InventoryRepository } from './ports.ts';

export interface IndexOptions {
  defaultTimeZone?: string;
  refreshIntervalMs: number;
  onError?: (err: unknown) => void;
}

const EMPTY = { version: -1, advertisers: [], campaigns: [], ads: [], creatives: [], experiments: [], channels: [], fallback: { adIds: [] } };

export class InventoryIndex {
  private compiled: CompiledInventory;
  private queue: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
    private readonly opts: IndexOptions,
  ) {
    this.compiled = compileInventory(EMPTY, { nowMs: clock.now(), defaultTimeZone: opts.defaultTimeZone });
  }

  get current(): CompiledInventory {
    return this.compiled;
  }

  /** Reloads from the store (coalescing calls made while a reload waits to start). */
  rebuild(): Promise<void> {
    if (!this.pending) {
      const run = this.queue.then(async () => {
        this.pending = undefined;
        const snapshot = await this.repo.snapshot();
        if (snapshot.version === this.compiled.version && this.compiled.version >= 0) return;
        this.compiled = compileInventory(snapshot, { nowMs: this.clock.now(), defaultTimeZone: this.opts.defaultTimeZone });
      });
      this.pending = run;
      this.queue = run.catch(() => undefined);
    }
    return this.pending;
  }

  /** Rebuilds when the store's version differs from the compiled one; true when it did. */
  async refresh(): Promise<boolean> {
    const version = await this.repo.version();
    if (version === this.compiled.version) return false;
    await this.rebuild();
    return true;
  }

  start(): void {
    if (this.timer || this.opts.refreshIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      this.refresh()
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => (this.polling = false));
    }, this.opts.refreshIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
