// Country of a client IPv4 address from a small table of CIDR blocks. The built-in table holds only
// a few long-stable national /8 allocations; real deployments pass a CDN's country header
// (CloudFront-Viewer-Country, CF-IPCountry, …), which wins, or their own entries (opts.geoIp).

export interface GeoEntry {
  /** "25.0.0.0/8" */
  cidr: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** Legacy allocations whose country has not changed in decades (US DoD, UK MoD, Daimler, SoftBank, JPNIC). */
export const BUILTIN_GEO: readonly GeoEntry[] = [
  ...['6', '7', '11', '21', '22', '26', '28', '29', '30', '33', '55', '214', '215'].map((n) => ({ cidr: `${n}.0.0.0/8`, country: 'US' })),
  { cidr: '25.0.0.0/8', country: 'GB' },
  { cidr: '53.0.0.0/8', country: 'DE' },
  { cidr: '126.0.0.0/8', country: 'JP' },
  { cidr: '133.0.0.0/8', country: 'JP' },
];

/** The 32-bit value of a dotted IPv4 address (also inside ::ffff:a.b.c.d), or undefined: four groups of 1–3 digits, each ≤ 255. */
export function ipv4(ip: string): number | undefined {
  let i = ip.startsWith('::ffff:') ? 7 : 0;
  let v = 0;
  for (let group = 0; group < 4; group++) {
    if (group > 0 && ip.charCodeAt(i++) !== 0x2e) return undefined;
    let octet = 0;
    const from = i;
    for (let d = ip.charCodeAt(i) - 0x30; d >= 0 && d <= 9; d = ip.charCodeAt(i) - 0x30) {
      octet = octet * 10 + d;
      if (++i - from > 3) return undefined;
    }
    if (i === from || octet > 255) return undefined;
    v = v * 256 + octet;
  }
  return i === ip.length ? v : undefined;
}

interface Block {
  net: number;
  size: number;
  country: string;
}

export class GeoTable {
  private readonly blocks: Block[];

  /** Throws on a malformed entry. The most specific block wins. */
  constructor(entries: readonly GeoEntry[]) {
    this.blocks = entries
      .map((e) => {
        const [addr, bits] = e.cidr.split('/');
        const net = ipv4(addr ?? '');
        const prefix = Number(bits);
        if (net === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32 || !/^[A-Za-z]{2}$/.test(e.country)) throw new Error(`geo entry ${JSON.stringify(e)} is not {cidr: "a.b.c.d/n", country: "CC"}`);
        const size = 2 ** (32 - prefix);
        return { net: net - (net % size), size, country: e.country.toUpperCase() };
      })
      .sort((a, b) => a.size - b.size);
  }

  lookup(ip: string | undefined): string | undefined {
    if (!ip) return undefined;
    const v = ipv4(ip);
    if (v === undefined) return undefined;
    for (const b of this.blocks) if (v >= b.net && v < b.net + b.size) return b.country;
    return undefined;
  }
}
