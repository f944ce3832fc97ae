// Hands each schedule to its channel as a Fixed SpliceInsert a lead time ahead — exactly once,
// even with several schedulers and crashes: a schedule is claimed with a lease (a conditional
// update), the channel action is named after the schedule (so a repeated dispatch is recognised
// as done), and a schedule whose time is too close to place on its second is marked missed,
// never fired late. Also moves schedules along dispatched → on_air → completed, and expands
// recurring schedules ahead.
import { randomUUID } from 'node:crypto';
import type { HistoryEntry, Schedule } from './model.ts';
import type { ChannelControl, Clock, ScheduleRepository } from './ports.ts';
import { occurrences } from './validate.ts';

export interface DispatcherOptions {
  /** This scheduler's name in leases and history. */
  owner?: string;
  /** How far ahead of its start a break is handed to its channel. */
  dispatchLeadMs?: number;
  /** How long a claim holds before another scheduler may take the schedule. */
  leaseMs?: number;
  /** How far ahead recurring schedules are expanded. */
  horizonMs?: number;
  /** Longest sleep between ticks. */
  maxSleepMs?: number;
  log?: { info(o: object, msg: string): void; warn(o: object, msg: string): void; error(o: object, msg: string): void };
}

const NOOP_LOG = { info() {}, warn() {}, error() {} };

export class Dispatcher {
  readonly owner: string;
  readonly dispatchLeadMs: number;
  private readonly leaseMs: number;
  private readonly horizonMs: number;
  private readonly maxSleepMs: number;
  private readonly log: NonNullable<DispatcherOptions['log']>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly repo: ScheduleRepository,
    private readonly control: ChannelControl,
    private readonly clock: Clock,
    opts: DispatcherOptions = {},
  ) {
    this.owner = opts.owner ?? `scheduler-${randomUUID().slice(0, 8)}`;
    this.dispatchLeadMs = opts.dispatchLeadMs ?? 30_000;
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.horizonMs = opts.horizonMs ?? 24 * 3600_000;
    this.maxSleepMs = opts.maxSleepMs ?? 1000;
    this.log = opts.log ?? NOOP_LOG;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake(0);
  }

  /** Stops the loop; resolves when the tick in progress (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a tick soon (after a schedule was created or changed). */
  poke(): void {
    if (!this.stopped) this.wake(0);
  }

  private wake(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.wake(50);
      this.running = this.tick()
        .catch((err: unknown) => this.log.error({ err }, 'scheduler tick failed'))
        .finally(async () => {
          this.running = undefined;
          if (this.stopped) return;
          const next = await this.repo.nextDueMs().catch(() => undefined);
          const now = this.clock.now();
          this.wake(Math.max(10, Math.min(this.maxSleepMs, next === undefined ? this.maxSleepMs : next - now)));
        });
    }, ms);
    this.timer.unref?.();
  }

  /** One pass: expand recurrences, dispatch what is due, move statuses on. */
  async tick(): Promise<void> {
    await this.expand();
    await this.dispatchDue();
    await this.progress();
  }

  private entry(to: Schedule['status'], reason: string): Omit<HistoryEntry, 'scheduleId' | 'from'> {
    return { to, atMs: this.clock.now(), actor: this.owner, reason };
  }

  async expand(): Promise<void> {
    const now = this.clock.now();
    const horizon = now + this.horizonMs;
    for (const r of await this.repo.listRecurrences()) {
      if (!r.active || r.expandedUntilMs >= horizon) continue;
      const from = Math.max(r.expandedUntilMs, now + this.dispatchLeadMs);
      const starts = occurrences(r, from, horizon);
      const schedules: Schedule[] = starts.map((startMs) => {
        const id = randomUUID();
        return {
          id,
          channelId: r.channelId,
          startMs,
          durationSeconds: r.durationSeconds,
          spliceEventId: Math.floor((startMs - Date.UTC(2020, 0, 1)) / 1000) % 2 ** 32,
          status: 'scheduled',
          recurrenceId: r.id,
          dispatchAtMs: startMs - this.dispatchLeadMs,
          attempts: 0,
          lastError: null,
          actionName: `adsplice-${id}`,
          createdBy: r.createdBy,
          createdAtMs: now,
          updatedAtMs: now,
        };
      });
      const history = schedules.map((s) => ({ scheduleId: s.id, from: null, to: 'scheduled' as const, atMs: now, actor: this.owner, reason: `expanded from recurring schedule ${r.id}` }));
      try {
        await this.repo.expandRecurrence(r.id, horizon, schedules, history);
      } catch (err) {
        // Another scheduler expanded the same occurrences first (unique per recurrence and start).
        this.log.warn({ err, recurrenceId: r.id }, 'recurrence expansion lost a race; retrying next tick');
      }
    }
  }

  async dispatchDue(): Promise<void> {
    const claimed = await this.repo.claimDue(this.clock.now(), this.owner, this.leaseMs, 100);
    await Promise.all(claimed.map((s) => this.dispatchOne(s)));
  }

  private async dispatchOne(s: Schedule): Promise<void> {
    const now = this.clock.now();
    const channel = await this.control.channel(s.channelId).catch(() => undefined);
    const leadMs = (channel?.leadTimeSeconds ?? 10) * 1000;
    // The channel refuses a Fixed start closer than its lead time: past that the break cannot start
    // on its second, and a late break is worse than none.
    const deadline = s.startMs - leadMs - 500;
    if (now > deadline) {
      await this.repo.transition(s.id, ['scheduled'], { status: 'missed', updatedAtMs: now }, this.entry('missed', `not dispatched by ${new Date(deadline).toISOString()} (start ${new Date(s.startMs).toISOString()} minus the channel's ${leadMs / 1000} s lead time)`), this.owner);
      this.log.warn({ scheduleId: s.id, channelId: s.channelId }, 'schedule missed');
      return;
    }
    if (!channel) return this.retry(s, 'channel not reachable or not found', deadline);
    const result = await this.control
      .spliceInsert(s.channelId, { actionName: s.actionName, startMs: s.startMs, durationSeconds: s.durationSeconds, spliceEventId: s.spliceEventId })
      .catch((err: Error) => ({ ok: false as const, code: 'CONTROL_UNREACHABLE', message: err.message, retryable: true }));
    if (result.ok || result.code === 'SCHEDULE_DUPLICATE_ACTION_NAME') {
      const reason = result.ok ? `handed to channel ${s.channelId} as ${s.actionName}` : `channel ${s.channelId} already had ${s.actionName} (an earlier attempt dispatched it)`;
      await this.repo.transition(s.id, ['scheduled'], { status: 'dispatched', attempts: s.attempts + 1, lastError: null, updatedAtMs: this.clock.now() }, this.entry('dispatched', reason), this.owner);
      this.log.info({ scheduleId: s.id, channelId: s.channelId, startMs: s.startMs }, 'schedule dispatched');
      return;
    }
    if (result.retryable) return this.retry(s, `${result.code}: ${result.message}`, deadline);
    if (result.code === 'SCHEDULE_TOO_LATE') {
      await this.repo.transition(s.id, ['scheduled'], { status: 'missed', attempts: s.attempts + 1, lastError: `${result.code}: ${result.message}`, updatedAtMs: this.clock.now() }, this.entry('missed', `the channel found it too late to start on its second: ${result.message}`), this.owner);
      return;
    }
    await this.repo.transition(s.id, ['scheduled'], { status: 'failed', attempts: s.attempts + 1, lastError: `${result.code}: ${result.message}`, updatedAtMs: this.clock.now() }, this.entry('failed', `channel refused it: ${result.code}: ${result.message}`), this.owner);
    this.log.error({ scheduleId: s.id, code: result.code }, 'schedule failed');
  }

  private async retry(s: Schedule, error: string, deadline: number): Promise<void> {
    const attempts = s.attempts + 1;
    const backoff = Math.min(8000, 250 * 2 ** Math.min(attempts, 6));
    const next = Math.min(this.clock.now() + backoff, deadline);
    await this.repo.release(s.id, this.owner, { attempts, lastError: error, dispatchAtMs: next });
    this.log.warn({ scheduleId: s.id, attempts, error, retryAtMs: next }, 'schedule dispatch failed; retrying');
  }

  async progress(): Promise<void> {
    const now = this.clock.now();
    for (const s of await this.repo.list({ status: ['dispatched', 'on_air'], toMs: now + 1, limit: 500 })) {
      const endMs = s.startMs + s.durationSeconds * 1000;
      if (s.status === 'dispatched' && now >= s.startMs) {
        await this.repo.transition(s.id, ['dispatched'], { status: now >= endMs ? 'completed' : 'on_air', updatedAtMs: now }, this.entry(now >= endMs ? 'completed' : 'on_air', now >= endMs ? 'the break time has passed' : 'the break started'));
      } else if (s.status === 'on_air' && now >= endMs) {
        await this.repo.transition(s.id, ['on_air'], { status: 'completed', updatedAtMs: now }, this.entry('completed', 'the break ended'));
      }
    }
  }
}
