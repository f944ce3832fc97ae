// A virtual clock for tests: time moves only when the test says so.
export class VirtualClock {
  private ms: number;

  constructor(startMs: number) {
    this.ms = startMs;
  }

  now = (): number => this.ms;

  advance(ms: number): number {
    this.ms += ms;
    return this.ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
