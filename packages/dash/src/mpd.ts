// The MPD document type: the lossless XML tree of the manifest. Semantic views (readMpd),
// ad signals and edit operations work on top of it; edits return a new Mpd.
import type { XmlDocument } from './xml/types.ts';

/** A parsed (or built) MPD: every node of the document, in order. */
export type Mpd = XmlDocument;
