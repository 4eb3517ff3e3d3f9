/**
 * The two XML request bodies the endpoint's S3 reads (CompleteMultipartUpload, DeleteObjects), picked apart by
 * element name. They are flat lists of simple elements, so no general parser is needed; anything else is
 * `MalformedXML`.
 * @module
 */
import { S3Error } from './s3-error.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of an XML element with its entities and character references replaced. */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name] ?? whole;
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (code > 0x10ffff) throw malformedXml();
    return String.fromCodePoint(code);
  });
}

/** S3's reply to a body it cannot read. */
export const malformedXml = (): S3Error =>
  new S3Error(
    'MalformedXML',
    400,
    'The XML you provided was not well-formed or did not validate against our published schema.',
  );

/**
 * The inner text of each `<name>…</name>` in `xml`, in order (namespaces prefixes and attributes allowed on the tag).
 * Elements of that name must not nest.
 */
export function xmlChildren(xml: string, name: string): string[] {
  const pattern = new RegExp(
    `<(?:[A-Za-z0-9_-]+:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[A-Za-z0-9_-]+:)?${name}\\s*>)`,
    'g',
  );
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The unescaped text of the one `<name>` child of `xml`, or `undefined`; two of them are `MalformedXML`. */
export function xmlValue(xml: string, name: string): string | undefined {
  const found = xmlChildren(xml, name);
  if (found.length > 1) throw malformedXml();
  return found[0] === undefined ? undefined : xmlUnescape(found[0]);
}

/** The inner text of the document's root element `root`; `MalformedXML` when the body is something else. */
export function xmlRoot(body: string, root: string): string {
  const text = body.replace(/^\uFEFF/, '').trim();
  const match = new RegExp(
    `^(?:<\\?xml[^>]*\\?>\\s*)?<(?:[A-Za-z0-9_-]+:)?${root}(?:\\s[^>]*)?>([\\s\\S]*)</(?:[A-Za-z0-9_-]+:)?${root}\\s*>$`,
  ).exec(text);
  if (match?.[1] === undefined) throw malformedXml();
  return match[1];
}
