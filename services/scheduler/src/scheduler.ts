// The scheduler service: the schedules API (schema-first, TypeBox) and the dispatcher.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Dispatcher, type DispatcherOptions } from './dispatcher.ts';
import { SchedulerError, type SchedulerErrorCode } from './errors.ts';
import { historyJson, OPEN_STATUSES, SCHEDULE_STATUSES, scheduleJson, type Recurrence, type Schedule, type ScheduleStatus } from './model.ts';
import type { ChannelControl, Clock, ScheduleRepository } from './ports.ts';
import { validateBatch, type Candidate, type ChannelState } from './validate.ts';

export interface SchedulerDeps {
  repo: ScheduleRepository;
  control: ChannelControl;
  clock: Clock;
  /** Who made the request (the token's name), for history and audit. */
  actorOf?: (request: FastifyRequest) => string;
}

export interface Scheduler {
  plugin: FastifyPluginAsync;
  dispatcher: Dispatcher;
}

const NewSchedule = Type.Object(
  {
    channelId: Type.String({ minLength: 1, maxLength: 64 }),
    startTime: Type.String({ format: 'date-time', description: 'ISO 8601 UTC, whole seconds' }),
    durationSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
    spliceEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'default: a free id' })),
  },
  { additionalProperties: false },
);

const ScheduleOut = Type.Object({
  id: Type.String(),
  channelId: Type.String(),
  startTime: Type.String(),
  durationSeconds: Type.Integer(),
  spliceEventId: Type.Integer(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('dispatched'), Type.Literal('on_air'), Type.Literal('completed'), Type.Literal('cancelled'), Type.Literal('failed'), Type.Literal('missed')]),
  recurrenceId: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  actionName: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const History = Type.Array(Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), at: Type.String(), actor: Type.String(), reason: Type.String() }));

const NewRecurrence = Type.Object(
  {
    channelId: Type.String({ minLength: 1, maxLength: 64 }),
    everyMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    from: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'first break of each day, HH:MM UTC' }),
    to: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'last possible break of each day, HH:MM UTC' }),
    durationSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
    daysOfWeek: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 })),
    startDate: Type.Optional(Type.String({ format: 'date' })),
    endDate: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);

const RecurrenceOut = Type.Object({
  id: Type.String(),
  channelId: Type.String(),
  everyMinutes: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  durationSeconds: Type.Integer(),
  daysOfWeek: Type.Array(Type.Integer()),
  startDate: Type.String(),
  endDate: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  expandedUntil: Type.String(),
});

const recurrenceJson = (r: Recurrence) => ({ id: r.id, channelId: r.channelId, everyMinutes: r.everyMinutes, from: r.fromTime, to: r.toTime, durationSeconds: r.durationSeconds, daysOfWeek: r.daysOfWeek, startDate: r.startDate, endDate: r.endDate, active: r.active, expandedUntil: new Date(r.expandedUntilMs).toISOString() });

const tags = ['schedules'];

export function build(deps: SchedulerDeps, opts: DispatcherOptions = {}): Scheduler {
  const { repo, control, clock } = deps;
  const dispatcher = new Dispatcher(repo, control, clock, opts);
  const actorOf = deps.actorOf ?? (() => 'api');

  async function channelStates(channelIds: string[]): Promise<Map<string, ChannelState | undefined>> {
    const out = new Map<string, ChannelState | undefined>();
    for (const id of new Set(channelIds)) {
      const channel = await control.channel(id);
      if (!channel) {
        out.set(id, undefined);
        continue;
      }
      const [schedules, breaks] = await Promise.all([repo.list({ channelId: id, status: [...OPEN_STATUSES], limit: 100_000 }), control.breaks(id)]);
      out.set(id, { leadTimeSeconds: channel.leadTimeSeconds, schedules, breaks });
    }
    return out;
  }

  function parseStart(text: string, index: number): number {
    const ms = Date.parse(text);
    if (Number.isNaN(ms) || ms % 1000 !== 0) throw new SchedulerError('SCHEDULE_START_NOT_WHOLE_SECOND', `item ${index}: startTime "${text}" is not an ISO 8601 time on a whole second`);
    return ms;
  }

  async function createMany(items: { channelId: string; startTime: string; durationSeconds: number; spliceEventId?: number }[], actor: string): Promise<Schedule[]> {
    const candidates: Candidate[] = items.map((i, index) => ({ channelId: i.channelId, startMs: parseStart(i.startTime, index), durationSeconds: i.durationSeconds, ...(i.spliceEventId !== undefined ? { spliceEventId: i.spliceEventId } : {}) }));
    const now = clock.now();
    const { errors, spliceEventIds } = validateBatch(candidates, { nowMs: now, dispatchLeadMs: dispatcher.dispatchLeadMs, channels: await channelStates(candidates.map((c) => c.channelId)) });
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new SchedulerError(first.code as SchedulerErrorCode, errors.map((e) => (items.length > 1 ? `item ${e.index}: ${e.message}` : e.message)).join('; '), { errors });
    }
    const schedules: Schedule[] = candidates.map((c, i) => {
      const id = randomUUID();
      return { id, channelId: c.channelId, startMs: c.startMs, durationSeconds: c.durationSeconds, spliceEventId: spliceEventIds[i]!, status: 'scheduled', recurrenceId: null, dispatchAtMs: c.startMs - dispatcher.dispatchLeadMs, attempts: 0, lastError: null, actionName: `adsplice-${id}`, createdBy: actor, createdAtMs: now, updatedAtMs: now };
    });
    await repo.insert(schedules, schedules.map((s) => ({ scheduleId: s.id, from: null, to: 'scheduled', atMs: now, actor, reason: 'created' })));
    dispatcher.poke();
    return schedules;
  }

  async function getOr404(id: string): Promise<Schedule> {
    const s = await repo.get(id);
    if (!s) throw new SchedulerError('SCHEDULE_NOT_FOUND', `no schedule "${id}"`);
    return s;
  }

  const plugin: FastifyPluginAsync = async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/api/schedules', { schema: { tags, summary: 'Schedule an ad break', body: NewSchedule, response: { 201: ScheduleOut } } }, async (request, reply) => {
      const [s] = await createMany([request.body], actorOf(request));
      void reply.code(201);
      return scheduleJson(s!);
    });

    app.post(
      '/api/schedules/batch',
      { schema: { tags, summary: 'Schedule many breaks, all or nothing', body: Type.Object({ schedules: Type.Array(NewSchedule, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }), response: { 201: Type.Object({ schedules: Type.Array(ScheduleOut) }) } } },
      async (request, reply) => {
        const created = await createMany(request.body.schedules, actorOf(request));
        void reply.code(201);
        return { schedules: created.map(scheduleJson) };
      },
    );

    app.get(
      '/api/schedules',
      {
        schema: {
          tags,
          summary: 'List schedules by channel, time range and status',
          querystring: Type.Object({
            channelId: Type.Optional(Type.String()),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            status: Type.Optional(Type.String({ description: 'comma-separated statuses' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Type.Object({ schedules: Type.Array(ScheduleOut) }) },
        },
      },
      async (request) => {
        const q = request.query;
        const status = q.status?.split(',').map((s) => s.trim()).filter((s) => s !== '') as ScheduleStatus[] | undefined;
        const unknown = status?.filter((s) => !SCHEDULE_STATUSES.includes(s));
        if (unknown && unknown.length > 0) throw Object.assign(new Error(`unknown status ${unknown.join(', ')}`), { statusCode: 400, code: 'VALIDATION_FAILED', expose: true });
        const list = await repo.list({
          ...(q.channelId ? { channelId: q.channelId } : {}),
          ...(status ? { status } : {}),
          ...(q.from ? { fromMs: Date.parse(q.from) } : {}),
          ...(q.to ? { toMs: Date.parse(q.to) } : {}),
          limit: q.limit ?? 100,
          offset: q.offset ?? 0,
        });
        return { schedules: list.map(scheduleJson) };
      },
    );

    app.get('/api/schedules/:id', { schema: { tags, summary: 'A schedule with its status history', params: Type.Object({ id: Type.String() }), response: { 200: Type.Intersect([ScheduleOut, Type.Object({ history: History })]) } } }, async (request) => {
      const s = await getOr404(request.params.id);
      return { ...scheduleJson(s), history: (await repo.history(s.id)).map(historyJson) };
    });

    app.patch(
      '/api/schedules/:id',
      {
        schema: {
          tags,
          summary: 'Change a schedule that is still scheduled',
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({ startTime: Type.Optional(Type.String({ format: 'date-time' })), durationSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })), spliceEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })) }, { additionalProperties: false, minProperties: 1 }),
          response: { 200: ScheduleOut },
        },
      },
      async (request) => {
        const s = await getOr404(request.params.id);
        if (s.status !== 'scheduled') throw new SchedulerError('SCHEDULE_NOT_CHANGEABLE', `schedule ${s.id} is ${s.status}`);
        const b = request.body;
        const candidate: Candidate = { id: s.id, channelId: s.channelId, startMs: b.startTime ? parseStart(b.startTime, 0) : s.startMs, durationSeconds: b.durationSeconds ?? s.durationSeconds, spliceEventId: b.spliceEventId ?? s.spliceEventId };
        const { errors } = validateBatch([candidate], { nowMs: clock.now(), dispatchLeadMs: dispatcher.dispatchLeadMs, channels: await channelStates([s.channelId]) });
        if (errors.length > 0) throw new SchedulerError(errors[0]!.code as SchedulerErrorCode, errors[0]!.message);
        const changed = await repo.transition(
          s.id,
          ['scheduled'],
          { startMs: candidate.startMs, durationSeconds: candidate.durationSeconds, spliceEventId: candidate.spliceEventId!, dispatchAtMs: candidate.startMs - dispatcher.dispatchLeadMs, updatedAtMs: clock.now() },
          { to: 'scheduled', atMs: clock.now(), actor: actorOf(request), reason: `changed: ${Object.keys(b).join(', ')}` },
        );
        if (!changed) throw new SchedulerError('SCHEDULE_NOT_CHANGEABLE', `schedule ${s.id} was dispatched meanwhile`);
        dispatcher.poke();
        return scheduleJson(changed);
      },
    );

    app.post(
      '/api/schedules/:id/cancel',
      { schema: { tags, summary: 'Cancel a schedule (a dispatched break is withdrawn from its channel; a break on air returns to network)', params: Type.Object({ id: Type.String() }), description: 'Optional JSON body: {"reason": "…"} (at most 500 characters), kept in the history.', response: { 200: ScheduleOut } } },
      async (request) => {
        const s = await getOr404(request.params.id);
        const actor = actorOf(request);
        const body = request.body as { reason?: unknown } | undefined | null;
        const why = typeof body?.reason === 'string' && body.reason.length <= 500 ? body.reason : 'cancelled';
        if (s.status === 'dispatched') {
          const r = await control.deleteAction(s.channelId, s.actionName);
          if (!r.ok && r.code !== 'SCHEDULE_ACTION_NOT_FOUND') throw new SchedulerError('SCHEDULE_CHANNEL_REFUSED', `${r.code}: ${r.message}`);
        } else if (s.status === 'on_air') {
          const r = await control.returnToNetwork(s.channelId, { actionName: `${s.actionName}-rtn`, spliceEventId: s.spliceEventId });
          if (!r.ok) throw new SchedulerError('SCHEDULE_CHANNEL_REFUSED', `${r.code}: ${r.message}`);
        }
        const to: ScheduleStatus = s.status === 'on_air' ? 'completed' : 'cancelled';
        const changed = await repo.transition(s.id, ['scheduled', 'dispatched', 'on_air'], { status: to, updatedAtMs: clock.now() }, { to, atMs: clock.now(), actor, reason: s.status === 'on_air' ? `returned to network early: ${why}` : why });
        if (!changed) throw new SchedulerError('SCHEDULE_NOT_CANCELLABLE', `schedule ${s.id} is ${(await repo.get(s.id))?.status ?? s.status}`);
        return scheduleJson(changed);
      },
    );

    app.post(
      '/api/schedules/break-now',
      { schema: { tags, summary: 'Start a break on the next whole second', body: Type.Object({ channelId: Type.String(), durationSeconds: Type.Integer({ minimum: 1, maximum: 3600 }), spliceEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })) }, { additionalProperties: false }), response: { 201: ScheduleOut } } },
      async (request, reply) => {
        const b = request.body;
        const states = await channelStates([b.channelId]);
        const state = states.get(b.channelId);
        if (!state) throw new SchedulerError('SCHEDULE_CHANNEL_NOT_FOUND', `channel "${b.channelId}" does not exist`);
        const id = randomUUID();
        const spliceEventId = b.spliceEventId ?? Math.floor((clock.now() - Date.UTC(2020, 0, 1)) / 1000) % 2 ** 32;
        const r = await control.spliceInsertNow(b.channelId, { actionName: `adsplice-${id}`, durationSeconds: b.durationSeconds, spliceEventId });
        if (!r.ok) throw new SchedulerError('SCHEDULE_CHANNEL_REFUSED', `${r.code}: ${r.message}`);
        const now = clock.now();
        const startMs = r.startMs ?? Math.ceil(now / 1000) * 1000;
        const s: Schedule = { id, channelId: b.channelId, startMs, durationSeconds: b.durationSeconds, spliceEventId, status: 'dispatched', recurrenceId: null, dispatchAtMs: now, attempts: 1, lastError: null, actionName: `adsplice-${id}`, createdBy: actorOf(request), createdAtMs: now, updatedAtMs: now };
        await repo.insert([s], [{ scheduleId: id, from: null, to: 'dispatched', atMs: now, actor: actorOf(request), reason: 'break now' }]);
        void reply.code(201);
        return scheduleJson(s);
      },
    );

    app.post(
      '/api/schedules/return-to-network',
      { schema: { tags, summary: 'End the break on air now', body: Type.Object({ channelId: Type.String() }, { additionalProperties: false }), response: { 200: ScheduleOut } } },
      async (request) => {
        const now = clock.now();
        const onAir = (await repo.list({ channelId: request.body.channelId, status: ['dispatched', 'on_air'], toMs: now + 1, limit: 10 })).find((s) => s.startMs <= now && now < s.startMs + s.durationSeconds * 1000);
        if (!onAir) throw new SchedulerError('SCHEDULE_NO_BREAK_ON_AIR', `no scheduled break is on air on channel "${request.body.channelId}"`);
        const r = await control.returnToNetwork(onAir.channelId, { actionName: `${onAir.actionName}-rtn`, spliceEventId: onAir.spliceEventId });
        if (!r.ok) throw new SchedulerError('SCHEDULE_CHANNEL_REFUSED', `${r.code}: ${r.message}`);
        const changed = await repo.transition(onAir.id, ['dispatched', 'on_air'], { status: 'completed', updatedAtMs: now }, { to: 'completed', atMs: now, actor: actorOf(request), reason: 'returned to network early' });
        return scheduleJson(changed ?? onAir);
      },
    );

    app.post('/api/recurrences', { schema: { tags, summary: 'A recurring schedule, expanded ahead into schedules', body: NewRecurrence, response: { 201: RecurrenceOut } } }, async (request, reply) => {
      const b = request.body;
      if (b.durationSeconds >= b.everyMinutes * 60 || b.from > b.to || (b.endDate && b.startDate && b.endDate < b.startDate)) {
        throw new SchedulerError('SCHEDULE_RECURRENCE_INVALID', 'the duration must be shorter than the interval, from ≤ to, and startDate ≤ endDate');
      }
      if (!(await control.channel(b.channelId))) throw new SchedulerError('SCHEDULE_CHANNEL_NOT_FOUND', `channel "${b.channelId}" does not exist`);
      const now = clock.now();
      const r: Recurrence = { id: randomUUID(), channelId: b.channelId, everyMinutes: b.everyMinutes, fromTime: b.from, toTime: b.to, durationSeconds: b.durationSeconds, daysOfWeek: b.daysOfWeek ?? [], startDate: b.startDate ?? new Date(now).toISOString().slice(0, 10), endDate: b.endDate ?? null, active: true, expandedUntilMs: 0, createdBy: actorOf(request), createdAtMs: now };
      await repo.insertRecurrence(r);
      await dispatcher.expand();
      dispatcher.poke();
      void reply.code(201);
      return recurrenceJson((await repo.getRecurrence(r.id))!);
    });

    app.get('/api/recurrences', { schema: { tags, summary: 'List recurring schedules', response: { 200: Type.Object({ recurrences: Type.Array(RecurrenceOut) }) } } }, async () => ({ recurrences: (await repo.listRecurrences()).map(recurrenceJson) }));

    app.post('/api/recurrences/:id/deactivate', { schema: { tags, summary: 'Stop expanding a recurring schedule (schedules already made stay)', params: Type.Object({ id: Type.String() }), response: { 200: RecurrenceOut } } }, async (request) => {
      if (!(await repo.setRecurrenceActive(request.params.id, false))) throw new SchedulerError('SCHEDULE_NOT_FOUND', `no recurring schedule "${request.params.id}"`);
      return recurrenceJson((await repo.getRecurrence(request.params.id))!);
    });
  };

  return { plugin, dispatcher };
}
