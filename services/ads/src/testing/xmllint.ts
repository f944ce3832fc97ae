// Test helper: schema validation with libxml2's xmllint against the IAB XSDs in the shared
// fixtures (../shared/fixtures/vast/xsd). A small copy of packages/vast's test helper, which
// that package does not export.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XMLLINT = '/usr/bin/xmllint';
export const XSD_DIR = new URL('../../../../../shared/fixtures/vast/xsd/', import.meta.url);

/** false when xmllint and the schemas are there; otherwise why the schema tests skip. */
export function xmllintSkip(): string | false {
  if (spawnSync(XMLLINT, ['--version']).status !== 0) return `xmllint not available at ${XMLLINT} (apt-get install libxml2-utils)`;
  if (!existsSync(new URL('vast_4.2.xsd', XSD_DIR))) return `VAST schemas not found at ${XSD_DIR.pathname}`;
  return false;
}

export const XSD_FOR_VERSION: Record<string, string> = { '4.3': 'vast_4.2.xsd', '4.2': 'vast_4.2.xsd', '4.1': 'vast_4.1.xsd', '4.0': 'vast4.xsd', '3.0': 'vast3_draft.xsd', '2.0': 'vast_2.0.1.xsd' };

/**
 * The copy that is validated: xmllint rejects bracketed macros ([ERRORCODE]) in xs:anyURI text,
 * so they are percent-encoded in the element text of the copy only (PROVENANCE.md); what is served keeps them.
 */
export function validationCopy(xml: string): string {
  return xml.replace(/>([^<]*)</g, (_m, text: string) => `>${text.replace(/\[([A-Za-z0-9_]+)\]/g, '%5B$1%5D')}<`);
}

/** Validates documents against one schema in a single xmllint run; one result (errors, empty when valid) per document. */
export function validateMany(xmls: readonly string[], xsdFile: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'adsplice-ads-xsd-'));
  try {
    let xsd = new URL(xsdFile, XSD_DIR).pathname;
    if (xsdFile === 'vmap.xsd') {
      // vmap.xsd as published imports VAST under a namespace vast3_draft.xsd lacks: swap the import for xs:any.
      const patched = readFileSync(xsd, 'utf8')
        .replace(/<xs:import[^>]*\/>/, '')
        .replace(/<xs:element ref="vast:VAST"[^>]*\/>/, '<xs:any minOccurs="1" maxOccurs="1" processContents="skip" namespace="##any"/>');
      xsd = join(dir, 'vmap.xsd');
      writeFileSync(xsd, patched);
    }
    const files = xmls.map((xml, i) => {
      const file = join(dir, `doc${i}.xml`);
      writeFileSync(file, validationCopy(xml));
      return file;
    });
    const res = spawnSync(XMLLINT, ['--noout', '--schema', xsd, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = `${res.stdout}\n${res.stderr}`.split('\n');
    return files.map((file) => (lines.includes(`${file} validates`) ? [] : lines.filter((l) => l.startsWith(`${file}:`) || l.startsWith(`${file} `)).map((l) => l.replace(file, 'doc'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
