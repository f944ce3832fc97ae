// Test helper: schema validation with libxml2's xmllint (tests only; packages do no I/O).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XMLLINT = '/usr/bin/xmllint';

/** `false` when xmllint runs; otherwise the reason to skip schema tests. */
export function xmllintSkip(): string | false {
  const probe = spawnSync(XMLLINT, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? false : `xmllint not available at ${XMLLINT} (Debian: apt-get install libxml2-utils)`;
}

/**
 * The copy of a document that is validated: xmllint rejects bracketed macros ([ERRORCODE]) and
 * bare `%` in xs:anyURI text, so they are percent-encoded in the element text of the COPY only
 * (fixtures/vast/PROVENANCE.md); what is served keeps them.
 */
export function validationCopy(xml: string): string {
  return xml.replace(/>([^<]*)</g, (_m, text: string) => `>${text.replace(/\[([A-Za-z0-9_]+)\]/g, '%5B$1%5D').replace(/%(?![0-9A-Fa-f]{2})/g, '%25')}<`);
}

export interface Validation {
  ok: boolean;
  /** xmllint's messages, without the final "fails to validate" line. */
  errors: string[];
}

/** Validates `xml` (through validationCopy) against the schema file `xsdPath`. */
export function validate(xml: string, xsdPath: string): Validation {
  const result = validateMany([xml], xsdPath)[0];
  if (!result) throw new Error('validateMany returns one result per document');
  return result;
}

/** Validates several documents against one schema with a single xmllint run (the schema is read once). */
export function validateMany(xmls: readonly string[], xsdPath: string): Validation[] {
  if (xmls.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-vast-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `doc${i}.xml`);
      writeFileSync(file, validationCopy(xml));
      return file;
    });
    const res = spawnSync(XMLLINT, ['--noout', '--schema', xsdPath, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = `${res.stdout}\n${res.stderr}`.split('\n');
    return files.map((file) => {
      const mine = lines.filter((l) => l.startsWith(`${file}:`) || l.startsWith(`${file} `));
      return {
        ok: mine.includes(`${file} validates`),
        errors: mine.filter((l) => l.startsWith(`${file}:`)).map((l) => l.replace(`${file}:`, 'line ')),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `content` to a temporary file and returns its path and a cleanup function. */
export function tempFile(name: string, content: string): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-vast-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
