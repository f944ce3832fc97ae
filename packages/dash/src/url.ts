// BaseURL resolution (ISO/IEC 23009-1 §5.6.4; RFC 3986 §5.2) with the WHATWG URL parser when the
// base is absolute, and a plain directory join when every level is relative.

const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

export function isAbsoluteUrl(url: string): boolean {
  return ABSOLUTE.test(url);
}

export function resolveUrl(base: string | undefined, ref: string): string {
  if (base === undefined || base === '' || isAbsoluteUrl(ref)) return ref;
  if (isAbsoluteUrl(base)) {
    try {
      return new URL(ref, base).href;
    } catch {
      // fall through to the plain join
    }
  }
  if (ref === '') return base;
  if (ref.startsWith('/')) return ref;
  const cut = base.search(/[?#]/);
  const path = cut < 0 ? base : base.slice(0, cut);
  if (ref.startsWith('?') || ref.startsWith('#')) return path + ref;
  return path.slice(0, path.lastIndexOf('/') + 1) + ref;
}

/** Resolves a chain of BaseURL values (outermost first), each against the one before. */
export function resolveChain(start: string | undefined, levels: (string | undefined)[]): string | undefined {
  let base = start;
  for (const level of levels) if (level !== undefined) base = resolveUrl(base, level);
  return base;
}
