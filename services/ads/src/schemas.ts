// JSON schemas of the management API (types and ranges, also published in the OpenAPI document).
// They leave additional properties alone on purpose: validate-inventory.ts refuses unknown fields
// with a named error, where Fastify would silently strip them.
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
const ids = { type: 'array', items: id, maxItems: 1000 };
const categories = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 }, maxItems: 20 };
const nullableInt = (min: number, max: number) => ({ type: ['integer', 'null'], minimum: min, maximum: max });

export const LIST_QUERY = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
    active: { type: 'boolean' },
    advertiserId: id,
    campaignId: id,
  },
} as const;

export const BODY = {
  advertisers: {
    type: 'object',
    properties: { id, name: { type: 'string', minLength: 1, maxLength: 200 }, domain: { type: ['string', 'null'], maxLength: 253 }, categories },
  },
  campaigns: {
    type: 'object',
    properties: {
      id,
      advertiserId: id,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      active: { type: 'boolean' },
      startAt: { type: 'string' },
      endAt: { type: ['string', 'null'] },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
      impressionGoal: nullableInt(1, 1e12),
      dailyCap: nullableInt(1, 1e12),
      pacing: { type: 'string', enum: ['even', 'asap'] },
      weight: { type: 'integer', minimum: 1, maximum: 1000 },
      frequencyCaps: {
        type: 'array',
        maxItems: 5,
        items: { type: 'object', required: ['max', 'windowSeconds'], properties: { scope: { type: 'string', enum: ['session', 'user'] }, max: { type: 'integer', minimum: 1, maximum: 1000 }, windowSeconds: { type: 'integer', minimum: 1, maximum: 2592000 } } },
      },
      targeting: { type: ['object', 'null'] },
      categories,
      timeZone: { type: ['string', 'null'] },
    },
  },
  ads: {
    type: 'object',
    properties: {
      id,
      campaignId: id,
      title: { type: 'string', minLength: 1, maxLength: 200 },
      creativeId: id,
      clickThrough: { type: ['string', 'null'], maxLength: 2048 },
      active: { type: 'boolean' },
      weight: { type: 'integer', minimum: 1, maximum: 1000 },
      categories,
      universalAdId: { type: ['object', 'null'], properties: { idRegistry: { type: 'string' }, value: { type: 'string' } } },
    },
  },
  creatives: { type: 'object' },
  experiments: {
    type: 'object',
    properties: {
      id,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      active: { type: 'boolean' },
      channels: ids,
      variants: {
        type: 'array',
        minItems: 1,
        maxItems: 10,
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64 },
            weight: { type: 'integer', minimum: 1, maximum: 1000 },
            campaignIds: ids,
            excludeCampaignIds: ids,
            podStrategy: { type: 'string', enum: ['optimal', 'greedy', 'single'] },
            maxAds: { type: 'integer', minimum: 1, maximum: 10 },
          },
        },
      },
    },
  },
  channels: { type: 'object', required: ['timeZone'], properties: { timeZone: { type: 'string', minLength: 1, maxLength: 64 } } },
  fallback: { type: 'object', required: ['adIds'], properties: { adIds: { type: 'array', items: id, maxItems: 50 } } },
} as const;
