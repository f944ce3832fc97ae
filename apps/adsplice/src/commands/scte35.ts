// `adsplice scte35 decode|encode`.
import { decode, encodeBase64, fromXml, sectionFromJson, sectionToJson, toXml, type Scte35Issue } from '@adsplice/scte35';

interface Io {
  xml: boolean;
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

/** Prints the decoded section (JSON or XML) and returns the exit code: 1 on a fatal issue. */
export function scte35Decode(text: string, io: Io): number {
  const { value, issues } = decode(text.trim());
  const fatal = issues.some((i) => i.severity === 'fatal');
  if (io.xml) {
    if (value && value.spliceCommand) io.out.write(`${toXml(value)}\n`);
    for (const issue of issues) io.err.write(`${issue.severity}: ${issue.code}: ${issue.message}\n`);
  } else {
    io.out.write(`${JSON.stringify({ section: value ? sectionToJson(value) : null, issues }, null, 2)}\n`);
  }
  return fatal || !value ? 1 : 0;
}

/** Prints the base64 of the cue described by JSON or XML; returns 1 when it cannot be encoded. */
export function scte35Encode(text: string, io: Io): number {
  const trimmed = text.trim();
  let issues: Scte35Issue[] = [];
  try {
    let section;
    if (io.xml || trimmed.startsWith('<')) {
      const parsed = fromXml(trimmed);
      issues = parsed.issues;
      section = parsed.value;
    } else {
      const json = JSON.parse(trimmed) as unknown;
      // Accept both the bare section and decode's `{ section, issues }` output.
      const obj = json !== null && typeof json === 'object' && 'section' in json ? (json as { section: unknown }).section : json;
      section = sectionFromJson(obj);
    }
    for (const issue of issues) io.err.write(`${issue.severity}: ${issue.code}: ${issue.message}\n`);
    if (!section || issues.some((i) => i.severity === 'fatal')) return 1;
    io.out.write(`${encodeBase64(section)}\n`);
    return 0;
  } catch (err) {
    io.err.write(`adsplice: cannot encode: ${(err as Error).message}\n`);
    return 1;
  }
}
