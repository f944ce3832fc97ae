import type { StitcherEvent } from '../events.ts';
import type { EventSink } from '../ports.ts';

/** Keeps every event in order (tests, and the dashboard's recent-events view). */
export class MemoryEventSink implements EventSink {
  readonly events: StitcherEvent[] = [];

  emit(event: StitcherEvent): void {
    this.events.push(event);
  }

  async flush(): Promise<void> {}

  ofType(type: StitcherEvent['eventType']): StitcherEvent[] {
    return this.events.filter((e) => e.eventType === type);
  }
}
