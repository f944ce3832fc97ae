// The syntax layer: an XML tree that keeps every element, attribute (in order, with its prefix),
// comment, processing instruction and CDATA section of the document, so that unknown MPD
// extensions survive a parse → edit → print cycle.

export interface XmlAttr {
  /** Qualified name as written, e.g. `xmlns:scte35`, `cenc:default_KID`, `start`. */
  name: string;
  /** Decoded value (entities resolved, XML attribute-value normalisation applied). */
  value: string;
}

export interface XmlElement {
  type: 'element';
  /** Qualified name as written, e.g. `MPD`, `scte35:SpliceInfoSection`. */
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  /** Index in the parsed text of the `<` that opens the element (absent on built nodes). */
  offset?: number;
  /** Index in the parsed text just past the element's end (absent on built nodes). */
  end?: number;
}

export interface XmlText {
  type: 'text';
  /** Decoded text. White-space-only text between elements is not kept. */
  text: string;
}

export interface XmlCData {
  type: 'cdata';
  text: string;
}

export interface XmlComment {
  type: 'comment';
  text: string;
}

/** A processing instruction, including the XML declaration (`target` = `xml`). */
export interface XmlPi {
  type: 'pi';
  target: string;
  data: string;
}

export interface XmlDoctype {
  type: 'doctype';
  /** Everything between `<!DOCTYPE` and the closing `>`, as written. */
  text: string;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlPi | XmlDoctype;

/** A parsed document: the prolog, the document element and anything after it, in order. */
export interface XmlDocument {
  children: XmlNode[];
}
