// `adsplice validate <url>`: watches a live HLS stream over its refreshes and reports every
// violation a player would trip on; exit 1 on any (or when the stream cannot be read at all).
import { validateStream, type StreamReport } from '@adsplice/service-stitcher';

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

export interface ValidateArgs {
  durationSec: number;
  json: boolean;
  checkSegments: boolean;
  intervalMs?: number;
}

export function formatReport(r: StreamReport): string {
  const lines = [
    `${r.url}: ${r.playlists.length} playlist(s), ${r.refreshes} refreshes, ${r.segmentsChecked} segments fetched, ${r.violations.length} violation(s)`,
    ...r.violations.map((v) => `  ${(v.atMs / 1000).toFixed(1).padStart(6)} s  ${v.code}  ${v.playlist}: ${v.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function validate(url: string, args: ValidateArgs, io: Io): Promise<number> {
  if (!/^https?:\/\//i.test(url)) {
    io.err.write(`adsplice validate: ${url} is not an http(s) URL\n`);
    return 2;
  }
  let report: StreamReport;
  try {
    report = await validateStream(url, { durationSec: args.durationSec, checkSegments: args.checkSegments, ...(args.intervalMs === undefined ? {} : { intervalMs: args.intervalMs }) });
  } catch (err) {
    io.err.write(`adsplice validate: ${url}: ${(err as Error).message}\n`);
    return 1;
  }
  io.out.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.violations.length === 0 && report.refreshes > 0 ? 0 : 1;
}
