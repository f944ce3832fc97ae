// The embedded default's demo: a playback configuration `demo` over the demo channel and the
// built-in ADS, a recurring break on the demo channel, and the demo creatives conditioned ahead.
import { DEMO_INVENTORY } from '@adsplice/service-ads';
import type { Requester } from '@adsplice/service-scheduler';

export const DEMO_CONFIG = 'demo';
export const DEMO_CHANNEL_ID = 'demo';
/** A 30 s break every 2 minutes, all day: a first-time user sees ads within minutes. */
export const DEMO_RECURRENCE = { channelId: DEMO_CHANNEL_ID, everyMinutes: 2, from: '00:00', to: '23:59', durationSeconds: 30 } as const;
export const DEMO_SLATE_AD = 'demo-house-10';

/** The HTTP base the process reaches itself on: loopback for a wildcard bind. */
export function selfBaseUrl(address: { address: string; port: number; family: string }): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  if (wildcard) return `http://127.0.0.1:${address.port}`;
  return address.family === 'IPv6' ? `http://[${address.address}]:${address.port}` : `http://${address.address}:${address.port}`;
}

/** The media URLs of the demo creatives as the built-in ADS serves them to a caller on `base`. */
export function demoCreativeUrls(base: string): string[] {
  return DEMO_INVENTORY.flatMap((d) => d.ads.map((a) => `${base}/ads/creatives/${encodeURIComponent(a.id)}.mp4`));
}

export function demoConfigurationInput(base: string) {
  const host = new URL(base).host;
  return {
    videoContentSourceUrl: `${base}/origin/${DEMO_CHANNEL_ID}/`,
    // MediaTailor's session variables, as a real ADS template would carry them; unknown ones are targeting keys.
    adDecisionServerUrl: `${base}/ads/vast?dur=[session.avail_duration_secs]&sid=[session.id]&ua=[session.user_agent]&ip=[session.client_ip]&channel=${DEMO_CHANNEL_ID}&genre=[player_params.genre]`,
    slateAdUrl: `${base}/ads/creatives/${DEMO_SLATE_AD}.mp4`,
    personalizationThresholdSeconds: 30,
    adMarkerPassthrough: true,
    allowedHosts: [host],
  };
}

/**
 * Creates the demo playback configuration, or moves it to `base` when the process now listens
 * elsewhere (a configuration the user pointed away from this process is left alone).
 */
export async function ensureDemoConfiguration(request: Requester, base: string): Promise<'created' | 'moved' | 'kept'> {
  const old = await request('GET', `/api/playback-configurations/${DEMO_CONFIG}`);
  if (old.statusCode !== 200 && old.statusCode !== 404) throw new Error(`reading the demo configuration answered ${old.statusCode}: ${old.body}`);
  const input = demoConfigurationInput(base);
  let outcome: 'created' | 'moved' = 'created';
  if (old.statusCode === 200) {
    const { videoContentSourceUrl } = JSON.parse(old.body) as { videoContentSourceUrl: string };
    if (videoContentSourceUrl === input.videoContentSourceUrl) return 'kept';
    if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\/origin\/demo\/$/.test(videoContentSourceUrl)) return 'kept';
    outcome = 'moved';
  }
  const put = await request('PUT', `/api/playback-configurations/${DEMO_CONFIG}`, input);
  if (put.statusCode !== 200) throw new Error(`writing the demo configuration answered ${put.statusCode}: ${put.body}`);
  return outcome;
}

/** Adds the demo recurring break unless the demo channel already has a recurrence. */
export async function ensureDemoRecurrence(request: Requester): Promise<boolean> {
  const list = await request('GET', '/api/recurrences');
  if (list.statusCode !== 200) throw new Error(`listing recurrences answered ${list.statusCode}: ${list.body}`);
  const { recurrences } = JSON.parse(list.body) as { recurrences: { channelId: string }[] };
  if (recurrences.some((r) => r.channelId === DEMO_CHANNEL_ID)) return false;
  const made = await request('POST', '/api/recurrences', DEMO_RECURRENCE);
  if (made.statusCode !== 201) throw new Error(`creating the demo recurrence answered ${made.statusCode}: ${made.body}`);
  return true;
}
