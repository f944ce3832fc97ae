// Who may call what. Playback, origin, ADS and health endpoints are public; everything under /api/
// needs a bearer token: reading needs viewer, operating breaks and ads needs operator, changing
// channels and tokens needs admin.
import type { AccessRole } from './tokens.ts';

const OPERATOR_WRITES = [
  /^\/api\/channels\/[^/]+\/(schedule|break-now|return-to-network)$/,
  /^\/api\/live_events\/[^/]+\/cue_point$/,
  /^\/api\/schedules(\/|$)/,
  /^\/api\/recurrences(\/|$)/,
  /^\/api\/sessions(\/|$)/,
  /^\/api\/playback-configurations\/[^/]+\/prefetch-schedules(\/|$)/,
  /^\/api\/(advertisers|campaigns|ads|creatives|experiments|fallbacks)(\/|$)/,
];

/** The role a request needs, or undefined for a public path. */
export function requiredRole(method: string, url: string): AccessRole | undefined {
  const path = url.split('?')[0]!;
  if (!path.startsWith('/api/')) return undefined;
  if (path.startsWith('/api/tokens') || path.startsWith('/api/audit')) return 'admin';
  if (method === 'GET' || method === 'HEAD') return 'viewer';
  if (OPERATOR_WRITES.some((re) => re.test(path))) return 'operator';
  return 'admin';
}
