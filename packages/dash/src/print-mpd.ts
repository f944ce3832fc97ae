// printMpd: Mpd → text. The output is semantically identical to what was parsed (same elements,
// attributes in the same order with the same prefixes, same text, comments and processing
// instructions) with normalised white space: one element per line, `indent` spaces per level
// (0: a single line), attributes double-quoted, empty elements self-closed.
import type { Mpd } from './mpd.ts';
import { printXml, type PrintXmlOptions } from './xml/print-xml.ts';

export type PrintMpdOptions = PrintXmlOptions;

export function printMpd(mpd: Mpd, options: PrintMpdOptions = {}): string {
  return printXml(mpd, options);
}
