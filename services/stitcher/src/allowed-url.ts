// Server-side request forgery guard: the stitcher fetches only http(s) URLs whose host is on the
// configuration's allowed list (`host`, `host:port`, or `*.suffix`).

/** undefined when the stitcher may fetch `url`, else why not. */
export function urlRefusal(url: string, allowedHosts: readonly string[]): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `"${url}" is not http or https`;
  if (u.username || u.password) return `"${url}" carries credentials`;
  const host = u.hostname.toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  for (const raw of allowedHosts) {
    const entry = raw.toLowerCase();
    if (entry.startsWith('*.')) {
      if (host.endsWith(entry.slice(1))) return undefined;
      continue;
    }
    const [h, p] = entry.startsWith('[') ? [entry.slice(0, entry.indexOf(']') + 1), entry.slice(entry.indexOf(']') + 2) || undefined] : (entry.split(':') as [string, string | undefined]);
    if (h === host && (p === undefined || p === port)) return undefined;
  }
  return `host "${u.host}" of "${url}" is not on the configuration's allowedHosts`;
}
