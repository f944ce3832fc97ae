// Playback configurations: the TypeBox schema of the management API, defaults, and validation
// (every URL the configuration names must be on its allowed hosts).
import { Type, type Static } from '@fastify/type-provider-typebox';
import { urlRefusal } from './allowed-url.ts';
import { StitcherError } from './errors.ts';
import { suppressionValueMs } from './avail-suppression.ts';
import type { PlaybackConfiguration } from './model.ts';

export const DEFAULTS = { originTimeoutMs: 2000, adsTimeoutMs: 3000, maxWrapperDepth: 5, adMarkerPassthrough: false, insertionMode: 'STITCHED_ONLY' } as const;

const Url = Type.String({ minLength: 8, maxLength: 2048 });

export const PlaybackConfigurationInput = Type.Object(
  {
    videoContentSourceUrl: Url,
    adDecisionServerUrl: Url,
    slateAdUrl: Type.Optional(Url),
    personalizationThresholdSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    adMarkerPassthrough: Type.Optional(Type.Boolean()),
    cdnConfiguration: Type.Optional(
      Type.Object({ contentSegmentUrlPrefix: Type.Optional(Url), adSegmentUrlPrefix: Type.Optional(Url) }, { additionalProperties: false }),
    ),
    originTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000 })),
    adsTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000 })),
    maxWrapperDepth: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    insertionMode: Type.Optional(Type.Union([Type.Literal('STITCHED_ONLY'), Type.Literal('PLAYER_SELECT')])),
    availSuppression: Type.Optional(
      Type.Object(
        {
          mode: Type.Union([Type.Literal('OFF'), Type.Literal('BEHIND_LIVE_EDGE'), Type.Literal('AFTER_LIVE_EDGE')]),
          value: Type.Optional(Type.String({ pattern: '^\\d{2}:[0-5]\\d:[0-5]\\d$' })),
          fillPolicy: Type.Optional(Type.Union([Type.Literal('FULL_AVAIL_ONLY'), Type.Literal('PARTIAL_AVAIL')])),
        },
        { additionalProperties: false },
      ),
    ),
    bumper: Type.Optional(Type.Object({ startUrl: Type.Optional(Url), endUrl: Type.Optional(Url) }, { additionalProperties: false })),
    livePreRoll: Type.Optional(Type.Object({ adDecisionServerUrl: Url, maxDurationSeconds: Type.Integer({ minimum: 1, maximum: 600 }) }, { additionalProperties: false })),
    adOverrunPolicy: Type.Optional(Type.Union([Type.Literal('CUT_CURRENT'), Type.Literal('COMPLETE_AD')])),
    allowedHosts: Type.Array(Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9*.\\[\\]:_-]+$' }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type PlaybackConfigurationInput = Static<typeof PlaybackConfigurationInput>;

export const CONFIG_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The configuration a PUT describes, with defaults; throws STITCH_CONFIG_INVALID. */
export function newConfiguration(name: string, input: PlaybackConfigurationInput, nowMs: number, createdAt?: string): PlaybackConfiguration {
  if (!CONFIG_NAME.test(name)) throw new StitcherError('STITCH_CONFIG_INVALID', 'name must be 1-64 characters of A-Z, a-z, 0-9, _ and -', { field: 'name' });
  const iso = new Date(nowMs).toISOString();
  const config: PlaybackConfiguration = {
    name,
    videoContentSourceUrl: input.videoContentSourceUrl.endsWith('/') ? input.videoContentSourceUrl : `${input.videoContentSourceUrl}/`,
    adDecisionServerUrl: input.adDecisionServerUrl,
    adMarkerPassthrough: input.adMarkerPassthrough ?? DEFAULTS.adMarkerPassthrough,
    originTimeoutMs: input.originTimeoutMs ?? DEFAULTS.originTimeoutMs,
    adsTimeoutMs: input.adsTimeoutMs ?? DEFAULTS.adsTimeoutMs,
    maxWrapperDepth: input.maxWrapperDepth ?? DEFAULTS.maxWrapperDepth,
    insertionMode: input.insertionMode ?? DEFAULTS.insertionMode,
    allowedHosts: input.allowedHosts,
    createdAt: createdAt ?? iso,
    updatedAt: iso,
  };
  if (input.slateAdUrl !== undefined) config.slateAdUrl = input.slateAdUrl;
  if (input.personalizationThresholdSeconds !== undefined) config.personalizationThresholdSeconds = input.personalizationThresholdSeconds;
  if (input.cdnConfiguration) config.cdnConfiguration = input.cdnConfiguration;
  if (input.availSuppression && input.availSuppression.mode !== 'OFF') {
    const value = input.availSuppression.value ?? '00:00:00';
    suppressionValueMs(value);
    config.availSuppression = { mode: input.availSuppression.mode, value, fillPolicy: input.availSuppression.fillPolicy ?? 'FULL_AVAIL_ONLY' };
  }
  if (input.bumper && (input.bumper.startUrl !== undefined || input.bumper.endUrl !== undefined)) config.bumper = input.bumper;
  if (input.livePreRoll) config.livePreRoll = input.livePreRoll;
  if (input.adOverrunPolicy === 'COMPLETE_AD') config.adOverrunPolicy = 'COMPLETE_AD';
  const urls: [string, string | undefined][] = [
    ['videoContentSourceUrl', config.videoContentSourceUrl],
    // The template's variables are replaced per request; the host part must be literal.
    ['adDecisionServerUrl', config.adDecisionServerUrl.replace(/\[[^\]]*\]/g, 'x')],
    ['slateAdUrl', config.slateAdUrl],
    ['bumper.startUrl', config.bumper?.startUrl],
    ['bumper.endUrl', config.bumper?.endUrl],
    ['livePreRoll.adDecisionServerUrl', config.livePreRoll?.adDecisionServerUrl.replace(/\[[^\]]*\]/g, 'x')],
  ];
  for (const [field, url] of urls) {
    if (url === undefined) continue;
    const why = urlRefusal(url, config.allowedHosts);
    if (why) throw new StitcherError('STITCH_CONFIG_INVALID', `${field}: ${why}`, { field });
  }
  for (const [field, prefix] of Object.entries(config.cdnConfiguration ?? {})) {
    if (prefix !== undefined && !/^https?:\/\/[^/]+/.test(prefix)) throw new StitcherError('STITCH_CONFIG_INVALID', `cdnConfiguration.${field} must be an http(s) URL prefix`, { field });
  }
  return config;
}
