import type { StitcherEvent } from '../events.ts';
import type { EventFilter, EventLog, EventSink } from '../ports.ts';

/** Keeps every event in order (tests, and the dashboard's recent-events view). */
export class MemoryEventSink implements EventSink, EventLog {
  readonly events: StitcherEvent[] = [];

  emit(event: StitcherEvent): void {
    this.events.push(event);
  }

  async flush(): Promise<void> {}

  ofType(type: StitcherEvent['eventType']): StitcherEvent[] {
    return this.events.filter((e) => e.eventType === type);
  }

  async query(f: EventFilter): Promise<StitcherEvent[]> {
    const out: StitcherEvent[] = [];
    for (let i = this.events.length - 1; i >= 0 && out.length < f.limit; i--) {
      const e = this.events[i]!;
      if (matches(e, f)) out.push(e);
    }
    return out;
  }
}

export function matches(e: StitcherEvent, f: EventFilter): boolean {
  return (
    (f.sessionId === undefined || e.sessionId === f.sessionId) &&
    (f.configName === undefined || e.playbackConfigurationName === f.configName) &&
    (f.eventType === undefined || e.eventType === f.eventType) &&
    (f.sinceMs === undefined || Date.parse(e.eventTimestamp) >= f.sinceMs)
  );
}
