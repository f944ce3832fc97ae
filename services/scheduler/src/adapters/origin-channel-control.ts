// ChannelControl over the origin's HTTP API (MediaLive's schedule shapes): in process through
// Fastify's inject, or over the network with fetch — the same adapter either way.
import type { ChannelBreak, ChannelControl, ControlResult } from '../ports.ts';

export interface ControlResponse {
  statusCode: number;
  body: string;
}

export type Requester = (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => Promise<ControlResponse>;

/** A Requester over the network: `baseUrl` is the origin's (e.g. http://origin:8080), with an optional bearer token. */
export function httpRequester(baseUrl: string, opts: { token?: string; timeoutMs?: number } = {}): Requester {
  return async (method, path, body) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
    return { statusCode: res.status, body: await res.text() };
  };
}

interface Action {
  ActionName: string;
  ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings?: { Time: string }; ImmediateModeScheduleActionStartSettings?: { Time?: string } };
  ScheduleActionSettings: { Scte35SpliceInsertSettings?: { SpliceEventId: number; Duration?: number }; Scte35ReturnToNetworkSettings?: { SpliceEventId: number } };
}

function startOf(a: Action): number | undefined {
  const t = a.ScheduleActionStartSettings.FixedModeScheduleActionStartSettings?.Time ?? a.ScheduleActionStartSettings.ImmediateModeScheduleActionStartSettings?.Time;
  return t === undefined ? undefined : Date.parse(t);
}

/** The channel's breaks from its actions: SpliceInserts, ended by their duration or a ReturnToNetwork. */
export function breaksFromActions(actions: Action[]): ChannelBreak[] {
  const sorted = actions.map((a) => ({ a, startMs: startOf(a) })).filter((x): x is { a: Action; startMs: number } => x.startMs !== undefined).sort((x, y) => x.startMs - y.startMs);
  const out: ChannelBreak[] = [];
  const open = new Map<number, ChannelBreak>();
  for (const { a, startMs } of sorted) {
    const si = a.ScheduleActionSettings.Scte35SpliceInsertSettings;
    const rtn = a.ScheduleActionSettings.Scte35ReturnToNetworkSettings;
    if (si) {
      const b: ChannelBreak = { actionName: a.ActionName, spliceEventId: si.SpliceEventId, startMs, ...(si.Duration !== undefined ? { endMs: startMs + Math.max(1, Math.round(si.Duration / 90_000)) * 1000 } : {}) };
      out.push(b);
      open.set(si.SpliceEventId, b);
    } else if (rtn) {
      const b = open.get(rtn.SpliceEventId);
      if (b && (b.endMs === undefined || startMs < b.endMs)) b.endMs = startMs;
      open.delete(rtn.SpliceEventId);
    }
  }
  return out;
}

function result(res: ControlResponse): ControlResult {
  if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true };
  let code = `HTTP_${res.statusCode}`;
  let message = res.body.slice(0, 300);
  try {
    const j = JSON.parse(res.body) as { code?: string; message?: string };
    code = j.code ?? code;
    message = j.message ?? message;
  } catch {
    // not JSON
  }
  return { ok: false, code, message, retryable: res.statusCode >= 500 || res.statusCode === 429 };
}

export function originChannelControl(request: Requester): ChannelControl {
  const path = (id: string, rest = '') => `/api/channels/${encodeURIComponent(id)}${rest}`;
  return {
    async channel(id) {
      const res = await request('GET', path(id));
      if (res.statusCode === 404) return undefined;
      if (res.statusCode !== 200) throw new Error(`GET channel ${id}: HTTP ${res.statusCode}`);
      const c = JSON.parse(res.body) as { id: string; leadTimeSeconds: number };
      return { id: c.id, leadTimeSeconds: c.leadTimeSeconds };
    },
    async breaks(id) {
      const res = await request('GET', path(id, '/schedule'));
      if (res.statusCode !== 200) throw new Error(`GET schedule of ${id}: HTTP ${res.statusCode}`);
      return breaksFromActions((JSON.parse(res.body) as { ScheduleActions: Action[] }).ScheduleActions);
    },
    async spliceInsert(id, a) {
      return result(
        await request('PUT', path(id, '/schedule'), {
          Creates: { ScheduleActions: [{ ActionName: a.actionName, ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: new Date(a.startMs).toISOString() } }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: a.spliceEventId, Duration: a.durationSeconds * 90_000 } } }] },
        }),
      );
    },
    async spliceInsertNow(id, a) {
      const res = await request('PUT', path(id, '/schedule'), {
        Creates: { ScheduleActions: [{ ActionName: a.actionName, ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} }, ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: a.spliceEventId, Duration: a.durationSeconds * 90_000 } } }] },
      });
      const r = result(res);
      if (!r.ok) return r;
      const created = (JSON.parse(res.body) as { Creates: { ScheduleActions: Action[] } }).Creates.ScheduleActions[0];
      const startMs = created ? startOf(created) : undefined;
      return startMs === undefined ? { ok: true } : { ok: true, startMs };
    },
    async returnToNetwork(id, a) {
      return result(await request('PUT', path(id, '/schedule'), { Creates: { ScheduleActions: [{ ActionName: a.actionName, ScheduleActionStartSettings: { ImmediateModeScheduleActionStartSettings: {} }, ScheduleActionSettings: { Scte35ReturnToNetworkSettings: { SpliceEventId: a.spliceEventId } } }] } }));
    },
    async deleteAction(id, actionName) {
      return result(await request('PUT', path(id, '/schedule'), { Deletes: { ActionNames: [actionName] } }));
    },
  };
}
