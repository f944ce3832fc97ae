// A live channel: its source, ladder, segmenting and outputs. Validated here (pure), stored
// through the ChannelRepository port.
import type { Rendition } from './adapters/encode-programme.ts';

export type ChannelSource = { kind: 'test'; durationSec: number } | { kind: 'file'; path: string };
export type HlsMarkerStyle = 'elemental' | 'enhanced' | 'daterange' | 'both';

export interface ChannelOutputs {
  hls: { markers: HlsMarkerStyle };
  dash: { eventStream: 'xml+bin' | 'xml'; periodPerBreak: boolean };
}

export interface Channel {
  id: string;
  name: string;
  source: ChannelSource;
  ladder: Rendition[];
  segmentSeconds: number;
  windowSeconds: number;
  /** A Fixed schedule action must be at least this far ahead of the live edge (MediaLive demands 15 s). */
  leadTimeSeconds: number;
  outputs: ChannelOutputs;
  /** When the channel's programme first started, ms since 1970 (a whole second). */
  epochMs: number;
  createdAt: string;
  updatedAt: string;
}

export type ChannelInput = Partial<Omit<Channel, 'createdAt' | 'updatedAt' | 'epochMs'>> & { id: string };

export const CHANNEL_DEFAULTS = {
  segmentSeconds: 6,
  windowSeconds: 60,
  leadTimeSeconds: 10,
  outputs: { hls: { markers: 'elemental' }, dash: { eventStream: 'xml+bin', periodPerBreak: false } } satisfies ChannelOutputs,
  source: { kind: 'test', durationSec: 120 } satisfies ChannelSource,
};

export class ChannelValidationError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ChannelValidationError';
  }
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The channel a create request describes, with defaults; throws ChannelValidationError. */
export function newChannel(input: ChannelInput, defaultLadder: Rendition[], nowMs: number): Channel {
  if (typeof input.id !== 'string' || !ID.test(input.id)) throw new ChannelValidationError('id must be 1-63 characters of a-z, 0-9 and -, starting with a letter or digit', 'id');
  const iso = new Date(nowMs).toISOString();
  const channel: Channel = {
    id: input.id,
    name: input.name ?? input.id,
    source: input.source ?? CHANNEL_DEFAULTS.source,
    ladder: input.ladder ?? defaultLadder,
    segmentSeconds: input.segmentSeconds ?? CHANNEL_DEFAULTS.segmentSeconds,
    windowSeconds: input.windowSeconds ?? CHANNEL_DEFAULTS.windowSeconds,
    leadTimeSeconds: input.leadTimeSeconds ?? CHANNEL_DEFAULTS.leadTimeSeconds,
    outputs: input.outputs ?? CHANNEL_DEFAULTS.outputs,
    epochMs: Math.floor(nowMs / 1000) * 1000,
    createdAt: iso,
    updatedAt: iso,
  };
  validateChannel(channel);
  return channel;
}

export function validateChannel(c: Channel): void {
  const int = (v: unknown, min: number, max: number, field: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ChannelValidationError(`${field} must be a whole number from ${min} to ${max}`, field);
  };
  if (typeof c.name !== 'string' || c.name.length === 0 || c.name.length > 200) throw new ChannelValidationError('name must be 1-200 characters', 'name');
  int(c.segmentSeconds, 1, 30, 'segmentSeconds');
  int(c.windowSeconds, c.segmentSeconds * 3, 3600, 'windowSeconds');
  int(c.leadTimeSeconds, c.segmentSeconds, 3600, 'leadTimeSeconds');
  if (c.source.kind === 'test') int(c.source.durationSec, Math.max(10, c.segmentSeconds * 2), 3600, 'source.durationSec');
  else if (c.source.kind !== 'file' || typeof c.source.path !== 'string' || c.source.path === '') throw new ChannelValidationError('source must be {kind:"test", durationSec} or {kind:"file", path}', 'source');
  if (!Array.isArray(c.ladder) || c.ladder.length === 0 || c.ladder.length > 8) throw new ChannelValidationError('ladder must have 1 to 8 renditions', 'ladder');
  const ids = new Set<string>();
  for (const [i, r] of c.ladder.entries()) {
    if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(r.id) || ids.has(r.id)) throw new ChannelValidationError(`ladder[${i}].id must be a unique short name`, `ladder[${i}].id`);
    ids.add(r.id);
    int(r.width, 64, 3840, `ladder[${i}].width`);
    int(r.height, 64, 2160, `ladder[${i}].height`);
    if (r.width % 2 || r.height % 2) throw new ChannelValidationError(`ladder[${i}] width and height must be even`, `ladder[${i}]`);
    int(r.videoBitrate, 50_000, 50_000_000, `ladder[${i}].videoBitrate`);
    int(r.audioBitrate, 32_000, 512_000, `ladder[${i}].audioBitrate`);
  }
  if (!['elemental', 'enhanced', 'daterange', 'both'].includes(c.outputs?.hls?.markers)) throw new ChannelValidationError('outputs.hls.markers must be elemental, enhanced, daterange or both', 'outputs.hls.markers');
  if (!['xml+bin', 'xml'].includes(c.outputs?.dash?.eventStream)) throw new ChannelValidationError('outputs.dash.eventStream must be xml+bin or xml', 'outputs.dash.eventStream');
  if (typeof c.outputs.dash.periodPerBreak !== 'boolean') throw new ChannelValidationError('outputs.dash.periodPerBreak must be true or false', 'outputs.dash.periodPerBreak');
}
