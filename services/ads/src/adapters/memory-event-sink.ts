// EventSink in memory: keeps the last `maxEvents` (up to twice that between trims) for tests and a
// store-less ADS.
import type { AdsEvent } from '../events.ts';
import type { EventSink } from '../ports.ts';

export class MemoryEventSink implements EventSink {
  readonly events: AdsEvent[] = [];

  constructor(private readonly maxEvents = 10_000) {}

  emit(event: AdsEvent): void {
    this.events.push(event);
    // Trimmed in batches, so that a full sink costs O(1) per event.
    if (this.events.length >= this.maxEvents * 2) this.events.splice(0, this.events.length - this.maxEvents);
  }

  /** The events of one type. */
  ofType<T extends AdsEvent['type']>(type: T): Extract<AdsEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<AdsEvent, { type: T }> => e.type === type);
  }

  clear(): void {
    this.events.length = 0;
  }
}
