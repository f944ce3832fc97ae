// Period ids must be unique within an MPD (ISO/IEC 23009-1 §5.3.2.2).

/** `base` + "_1", "_2", … : the first not in `taken` (which it is added to). */
export function uniqueId(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
