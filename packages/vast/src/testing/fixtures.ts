// Test helpers: the shared VAST fixtures (../shared/fixtures/vast), located from the test file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Fixtures {
  /** The folder, as a file: URL ending in '/'. */
  base: URL;
  /** `false` when the folder is there; otherwise the reason to give `test(…, { skip })`. */
  skip: string | false;
  read(relative: string): string;
  /** Every sample file, as paths relative to samples/ ("iab/vast-4.0/Inline_Simple.xml"). */
  samples(): string[];
  xsd(name: string): string;
}

/** `base`: `new URL('../../../../shared/fixtures/vast/', import.meta.url)` in the test file. */
export function fixtures(base: URL): Fixtures {
  const present = existsSync(new URL('samples/', base));
  return {
    base,
    skip: present ? false : `VAST fixtures not found at ${base.pathname} (the shared fixtures folder is absent)`,
    read: (relative) => readFileSync(new URL(relative, base), 'utf8'),
    samples: () => {
      const out: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(new URL(`samples/${dir}`, base), { withFileTypes: true })) {
          if (entry.isDirectory()) walk(`${dir}${entry.name}/`);
          else if (entry.name.endsWith('.xml')) out.push(`${dir}${entry.name}`);
        }
      };
      walk('');
      return out.sort();
    },
    xsd: (name) => new URL(`xsd/${name}`, base).pathname,
  };
}
