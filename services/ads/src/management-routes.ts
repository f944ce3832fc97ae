// The management API under /api/ads: advertisers, campaigns, ads and experiments (list with
// filters and paging, create, read, update, delete), channel time zones, fallback ads, the index
// status and a dry-run decision. Every write is validated whole before anything is stored, then the
// decision index is rebuilt before the response, so the next ad request sees the change.
import type { FastifyInstance } from 'fastify';
import type { AdServer } from './ad-server.ts';
import { AdsError, type AdsErrorCode } from './errors.ts';
import type { InventoryIndex } from './inventory-index.ts';
import type { InventoryKind, InventoryKinds } from './inventory.ts';
import type { Clock, InventoryRepository, ListFilter } from './ports.ts';
import { LIST_QUERY, BODY } from './schemas.ts';
import { adFrom, advertiserFrom, campaignFrom, channelFrom, experimentFrom, fallbackFrom, InventoryValidationError, type Stamp } from './validate-inventory.ts';

export interface ManagementContext {
  repo: InventoryRepository;
  index: InventoryIndex;
  clock: Clock;
  server: AdServer;
  newId(prefix: string): string;
  onError(err: unknown, what: string): void;
}

/** Rebuilds the index after a write; the write stands even if the rebuild fails (the refresh timer retries). */
async function reindex(ctx: ManagementContext): Promise<void> {
  await ctx.index.rebuild().catch((err: unknown) => ctx.onError(err, 'rebuilding the index after a write'));
}

/** Runs `make`, turning validation failures into ADS_INVALID / ADS_INVALID_TARGETING. */
export async function validated<T>(make: () => T | Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (err) {
    if (err instanceof InventoryValidationError) {
      if (err.targetingPath !== undefined) throw new AdsError('ADS_INVALID_TARGETING', err.message, { field: err.field, path: err.targetingPath });
      throw new AdsError('ADS_INVALID', err.message, { field: err.field });
    }
    throw err;
  }
}

interface KindRoutes<K extends InventoryKind> {
  kind: K;
  path: string;
  notFound: AdsErrorCode;
  idPrefix: string;
  label: string;
  /** Validates the body (with the old item for an update) and checks its references. */
  make(body: unknown, stamp: Stamp, old?: InventoryKinds[K]): Promise<InventoryKinds[K]>;
}

interface ListQuery {
  limit: number;
  offset: number;
  active?: boolean;
  advertiserId?: string;
  campaignId?: string;
}

function crud<K extends InventoryKind>(app: FastifyInstance, ctx: ManagementContext, spec: KindRoutes<K>): void {
  const stamp = (): Stamp => ({ newId: ctx.newId(spec.idPrefix), nowIso: new Date(ctx.clock.now()).toISOString() });
  const getOr404 = async (id: string): Promise<InventoryKinds[K]> => {
    const item = await ctx.repo.get(spec.kind, id);
    if (!item) throw new AdsError(spec.notFound, `no ${spec.label} "${id}"`);
    return item;
  };

  app.get<{ Querystring: ListQuery }>(spec.path, { schema: { querystring: LIST_QUERY } }, async (request) => {
    const { limit, offset, active, advertiserId, campaignId } = request.query;
    const filter: ListFilter = { limit, offset };
    if (active !== undefined) filter.active = active;
    if (advertiserId !== undefined) filter.advertiserId = advertiserId;
    if (campaignId !== undefined) filter.campaignId = campaignId;
    const { items, total } = await ctx.repo.list(spec.kind, filter);
    return { items, total, limit, offset };
  });

  app.post<{ Body: unknown }>(spec.path, { schema: { body: BODY[spec.kind] } }, async (request, reply) => {
    const item = await validated(() => spec.make(request.body, stamp()));
    if (!(await ctx.repo.create(spec.kind, item))) throw new AdsError('ADS_EXISTS', `a ${spec.label} "${item.id}" already exists`);
    await reindex(ctx);
    void reply.code(201);
    return item;
  });

  app.get<{ Params: { id: string } }>(`${spec.path}/:id`, async (request) => getOr404(request.params.id));

  app.put<{ Params: { id: string }; Body: unknown }>(`${spec.path}/:id`, { schema: { body: BODY[spec.kind] } }, async (request) => {
    const old = await getOr404(request.params.id);
    const body = request.body as Record<string, unknown> | null;
    if (body && typeof body === 'object' && body.id !== undefined && body.id !== old.id) throw new AdsError('ADS_INVALID', `id: the body says "${String(body.id)}" but the path says "${old.id}"`, { field: 'id' });
    const item = await validated(() => spec.make(request.body, stamp(), old));
    if (!(await ctx.repo.update(spec.kind, item))) throw new AdsError(spec.notFound, `no ${spec.label} "${old.id}"`);
    await reindex(ctx);
    return item;
  });

  app.delete<{ Params: { id: string } }>(`${spec.path}/:id`, async (request, reply) => {
    const result = await ctx.repo.delete(spec.kind, request.params.id);
    if (result === 'not-found') throw new AdsError(spec.notFound, `no ${spec.label} "${request.params.id}"`);
    if (result === 'in-use') throw new AdsError('ADS_IN_USE', `the ${spec.label} "${request.params.id}" is still used (delete or move what refers to it first)`);
    await reindex(ctx);
    void reply.code(204);
  });
}

export function registerManagementRoutes(app: FastifyInstance, ctx: ManagementContext): void {
  const { repo } = ctx;
  const unknownRef = (what: string, id: string): AdsError => new AdsError('ADS_UNKNOWN_REFERENCE', `no ${what} "${id}"`, { [`${what}Id`]: id });

  crud(app, ctx, { kind: 'advertisers', path: '/api/ads/advertisers', notFound: 'ADS_ADVERTISER_NOT_FOUND', idPrefix: 'adv', label: 'advertiser', make: async (body, stamp, old) => advertiserFrom(body, stamp, old) });

  crud(app, ctx, {
    kind: 'campaigns',
    path: '/api/ads/campaigns',
    notFound: 'ADS_CAMPAIGN_NOT_FOUND',
    idPrefix: 'cmp',
    label: 'campaign',
    make: async (body, stamp, old) => {
      const c = campaignFrom(body, stamp, old);
      if (!old && !(await repo.get('advertisers', c.advertiserId))) throw unknownRef('advertiser', c.advertiserId);
      return c;
    },
  });

  crud(app, ctx, {
    kind: 'ads',
    path: '/api/ads/ads',
    notFound: 'ADS_AD_NOT_FOUND',
    idPrefix: 'ad',
    label: 'ad',
    make: async (body, stamp, old) => {
      const draft = adFrom(body, stamp, undefined, old);
      const [campaign, creative] = await Promise.all([repo.get('campaigns', draft.campaignId), repo.get('creatives', draft.creativeId)]);
      if (!campaign) throw unknownRef('campaign', draft.campaignId);
      if (!creative) throw unknownRef('creative', draft.creativeId);
      return { ...draft, advertiserId: campaign.advertiserId, durationMs: creative.durationMs };
    },
  });

  crud(app, ctx, {
    kind: 'experiments',
    path: '/api/ads/experiments',
    notFound: 'ADS_EXPERIMENT_NOT_FOUND',
    idPrefix: 'exp',
    label: 'experiment',
    make: async (body, stamp, old) => {
      const e = experimentFrom(body, stamp, old);
      const ids = new Set(e.variants.flatMap((v) => [...(v.campaignIds ?? []), ...(v.excludeCampaignIds ?? [])]));
      for (const id of ids) if (!(await repo.get('campaigns', id))) throw unknownRef('campaign', id);
      return e;
    },
  });

  // --- channels (time zones for day-parting) --------------------------------------------------
  app.get<{ Querystring: ListQuery }>('/api/ads/channels', { schema: { querystring: LIST_QUERY } }, async (request) => {
    const { limit, offset } = request.query;
    const { items, total } = await repo.list('channels', { limit, offset });
    return { items, total, limit, offset };
  });
  app.get<{ Params: { id: string } }>('/api/ads/channels/:id', async (request) => {
    const c = await repo.get('channels', request.params.id);
    if (!c) throw new AdsError('ADS_CHANNEL_NOT_FOUND', `no settings for channel "${request.params.id}"`);
    return c;
  });
  app.put<{ Params: { id: string }; Body: unknown }>('/api/ads/channels/:id', { schema: { body: BODY.channels } }, async (request) => {
    const c = await validated(() => channelFrom(request.params.id, request.body, new Date(ctx.clock.now()).toISOString()));
    if (!(await repo.update('channels', c))) await repo.create('channels', c);
    await reindex(ctx);
    return c;
  });
  app.delete<{ Params: { id: string } }>('/api/ads/channels/:id', async (request, reply) => {
    if ((await repo.delete('channels', request.params.id)) === 'not-found') throw new AdsError('ADS_CHANNEL_NOT_FOUND', `no settings for channel "${request.params.id}"`);
    await reindex(ctx);
    void reply.code(204);
  });

  // --- fallback ads -----------------------------------------------------------------------------
  app.get('/api/ads/fallback', async () => repo.fallback());
  app.put<{ Body: unknown }>('/api/ads/fallback', { schema: { body: BODY.fallback } }, async (request) => {
    const f = await validated(() => fallbackFrom(request.body));
    for (const id of f.adIds) if (!(await repo.get('ads', id))) throw unknownRef('ad', id);
    await repo.setFallback(f);
    await reindex(ctx);
    return f;
  });

  // --- status and dry-run decisions ------------------------------------------------------------
  app.get('/api/ads/status', async () => {
    const inv = ctx.index.current;
    return {
      version: inv.version,
      compiledAt: new Date(inv.compiledAtMs).toISOString(),
      liveCampaigns: inv.campaigns.length,
      ads: inv.ads.size,
      fallbackAds: inv.fallback.map((a) => a.id),
      experiments: inv.experiments.map((e) => e.id),
      countOn: ctx.server.opts.countOn,
    };
  });

  app.get<{ Querystring: Record<string, unknown> }>('/api/ads/decision', async (request) => {
    const parsed = ctx.server.parse(request.query, request.headers, request.ip);
    const d = await ctx.server.decide(parsed, false);
    return {
      decisionId: d.decisionId,
      availMs: d.availMs,
      filledMs: d.filledMs,
      fallback: d.fallback,
      strategy: d.strategy,
      experiments: d.experiments,
      ads: d.ads.map(({ ad, sequence }) => ({ sequence, adId: ad.id, title: ad.title, campaignId: ad.campaignId, advertiserId: ad.advertiserId, priority: ad.priority, durationMs: ad.durationMs, categories: ad.categories })),
      candidates: d.candidates,
      excluded: d.excluded,
      request: { maxAds: parsed.request.maxAds, sessionId: parsed.request.sessionId, userId: parsed.request.userId, channel: parsed.request.channel, values: Object.fromEntries(parsed.request.values), clamped: parsed.clamped, version: parsed.version },
    };
  });
}
