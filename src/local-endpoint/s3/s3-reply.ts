/**
 * Successful S3 replies: an XML document, or headers alone.
 * @module
 */
import type { ServerResponse } from 'node:http';

/** Answers `status` with `headers` and no body. */
export function sendHeaders(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': '0' });
  res.end();
}

/** Answers 200 with an XML document. */
export function sendXml(res: ServerResponse, xml: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(xml)),
  });
  res.end(xml);
}

/** An ETag as S3 sends it: quoted. */
export const quoted = (etag: string) => `"${etag}"`;

/** The `x-amz-checksum-<algorithm>` header of a checksum, or none. */
export function checksumHeaders(checksum: { algorithm: string; value: string } | undefined): Record<string, string> {
  return checksum === undefined ? {} : { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value };
}
