// Readiness of the process: each part that needs time to start (store, channel encode, creative
// conditioning) registers a check; /readyz answers 200 only when every check is ready and the
// process is not shutting down.

export interface ReadinessCheck {
  /** Marks the part ready. */
  ready(): void;
  /** Marks the part not ready, with what it is waiting for (shown on /readyz). */
  pending(detail: string): void;
  /** Marks the part failed; the process stays not ready. */
  fail(detail: string): void;
}

export interface ReadinessState {
  ready: boolean;
  shuttingDown: boolean;
  checks: Record<string, { status: 'ready' | 'pending' | 'failed'; detail?: string }>;
}

export class Readiness {
  private readonly checks = new Map<string, { status: 'ready' | 'pending' | 'failed'; detail?: string }>();
  private shuttingDown = false;

  /** Registers a check, pending until told otherwise. */
  add(name: string, detail = 'starting'): ReadinessCheck {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" registered twice`);
    this.checks.set(name, { status: 'pending', detail });
    return {
      ready: () => void this.checks.set(name, { status: 'ready' }),
      pending: (d) => void this.checks.set(name, { status: 'pending', detail: d }),
      fail: (d) => void this.checks.set(name, { status: 'failed', detail: d }),
    };
  }

  /** From now on the process answers not ready, so load balancers drain it. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  state(): ReadinessState {
    const checks = Object.fromEntries(this.checks);
    const allReady = [...this.checks.values()].every((c) => c.status === 'ready');
    return { ready: allReady && !this.shuttingDown, shuttingDown: this.shuttingDown, checks };
  }
}
