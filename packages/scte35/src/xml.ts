// The SCTE 35 XML forms both ways: `urn:scte:scte35:2013:xml` (SpliceInfoSection elements) and
// `urn:scte:scte35:2014:xml+bin` (Signal/Binary). See docs/scte35.md for the element mapping.
export { SCTE35_XML_NAMESPACE, toXml, toXmlBin, utcSpliceTimeToDateTime, type ToXmlOptions } from './xml-write.ts';
export { fromXml, sectionsFromXml } from './xml-read.ts';
