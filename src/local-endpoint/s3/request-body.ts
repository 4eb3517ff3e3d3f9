/**
 * Receives an S3 request body as it streams: decodes aws-chunked framing, counts it against the operation's size
 * limit (refusing a declared size over it before reading a byte), keeps it in memory up to a bound and in a spill
 * file past it (body-sink.ts), and checks what the client said about it (Content-MD5, `x-amz-content-sha256`, the
 * `x-amz-checksum-*` header or trailer, the decoded length). Whatever it refuses leaves no file behind.
 * @module
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ObjectChecksum, ObjectSegment } from '../../transport/memory/memory-objects.js';
import { AwsChunkedDecoder } from './aws-chunked.js';
import { BodySink } from './body-sink.js';
import { type ChecksumAlgorithm, checksumAlgorithmOf, type RunningChecksum, runningChecksum } from './checksums.js';
import { badDigest, entityTooLarge, invalidRequest, S3Error } from './s3-error.js';
import type { SpillDirectory } from './spill-directory.js';

/** A body received whole. */
export interface ReceivedBody {
  readonly segments: readonly ObjectSegment[];
  readonly size: number;
  /** The md5 of the bytes. */
  readonly md5: Buffer;
  /** The checksum the client sent, or the one it asked S3 to compute (`x-amz-sdk-checksum-algorithm`). */
  readonly checksum?: ObjectChecksum;
}

/** Bounds of one body. */
export interface BodyLimits {
  /** Largest body, decoded, in bytes. */
  readonly maxBytes: number;
  /** Bytes the body may hold in memory; past them it goes to a file of `spill`. */
  readonly memoryBytes: number;
  readonly spill: SpillDirectory;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether the body is aws-chunked framed. */
function isAwsChunked(req: IncomingMessage): boolean {
  const encoding = header(req, 'content-encoding') ?? '';
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  return /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding) || sha.startsWith('STREAMING-');
}

function declaredLength(req: IncomingMessage, chunked: boolean): number | undefined {
  const raw = chunked ? header(req, 'x-amz-decoded-content-length') : header(req, 'content-length');
  if (raw === undefined) return undefined;
  if (!/^\d{1,16}$/.test(raw.trim())) {
    throw invalidRequest(
      `The ${chunked ? 'x-amz-decoded-content-length' : 'content-length'} \`${raw}\` is not a number.`,
    );
  }
  return Number(raw);
}

/** The checksum the client announces: the algorithm, and the value when it came as a header. */
function announcedChecksum(
  req: IncomingMessage,
): { algorithm: ChecksumAlgorithm; value?: string; trailer: boolean } | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    const algorithm = checksumAlgorithmOf(name);
    if (algorithm !== undefined && typeof value === 'string') return { algorithm, value, trailer: false };
  }
  const trailer = header(req, 'x-amz-trailer');
  if (trailer !== undefined) {
    const algorithm = checksumAlgorithmOf(trailer.trim());
    if (algorithm === undefined) throw invalidRequest(`The trailer \`${trailer}\` is not a checksum S3 knows.`);
    return { algorithm, trailer: true };
  }
  const named = header(req, 'x-amz-sdk-checksum-algorithm') ?? header(req, 'x-amz-checksum-algorithm');
  const algorithm = named === undefined ? undefined : checksumAlgorithmOf(`x-amz-checksum-${named}`);
  if (named !== undefined && algorithm === undefined) {
    throw invalidRequest(`Checksum algorithm \`${named}\` is not one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256.`);
  }
  return algorithm === undefined ? undefined : { algorithm, trailer: false };
}

interface Digests {
  md5: Hash;
  payloadSha256?: Hash;
  checksum?: RunningChecksum;
}

function startDigests(req: IncomingMessage, chunked: boolean, algorithm: ChecksumAlgorithm | undefined): Digests {
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  return {
    md5: createHash('md5'),
    // A hex payload hash is the body's SHA-256 (the CLI and boto3 sign it over plain HTTP): cheap to check.
    ...(!chunked && /^[0-9a-f]{64}$/i.test(sha) && { payloadSha256: createHash('sha256') }),
    ...(algorithm !== undefined && { checksum: runningChecksum(algorithm) }),
  };
}

/** Pumps `source` into `sink`, refusing it as soon as it passes `maxBytes`. */
async function pump(source: Readable, sink: BodySink, digests: Digests, maxBytes: number): Promise<number> {
  let size = 0;
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBytes) throw entityTooLarge(maxBytes);
    digests.md5.update(bytes);
    digests.payloadSha256?.update(bytes);
    digests.checksum?.update(bytes);
    await sink.write(bytes);
  }
  return size;
}

function checkDigests(req: IncomingMessage, digests: Digests, md5: Buffer): void {
  const contentMd5 = header(req, 'content-md5');
  if (contentMd5 !== undefined && contentMd5.trim() !== md5.toString('base64')) throw badDigest('Content-MD5');
  if (digests.payloadSha256 !== undefined) {
    const expected = (header(req, 'x-amz-content-sha256') ?? '').toLowerCase();
    if (digests.payloadSha256.digest('hex') !== expected) {
      throw new S3Error(
        'XAmzContentSHA256Mismatch',
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }
}

/** The checksum to store, checked against the header or trailer value the client sent. */
function checkedChecksum(
  announced: ReturnType<typeof announcedChecksum>,
  digests: Digests,
  trailers: Map<string, string>,
): ObjectChecksum | undefined {
  if (announced === undefined) return undefined;
  const { algorithm } = announced;
  const sent = announced.trailer ? trailers.get(`x-amz-checksum-${algorithm}`) : announced.value;
  if (announced.trailer && sent === undefined) {
    throw invalidRequest(`The trailer x-amz-checksum-${algorithm} announced in x-amz-trailer was not sent.`);
  }
  // Kept and answered back in a header: base64 only (a value not verified, CRC64NVME's, is checked for its form).
  if (sent !== undefined && !/^[A-Za-z0-9+/]{1,160}={0,2}$/.test(sent.trim())) {
    throw invalidRequest(`Value for x-amz-checksum-${algorithm} header is invalid.`);
  }
  const computed = digests.checksum?.digest();
  if (sent !== undefined && computed !== undefined && sent.trim() !== computed) {
    throw badDigest(algorithm.toUpperCase());
  }
  const value = sent?.trim() ?? computed;
  return value === undefined ? undefined : { algorithm, value };
}

/** The request whose body is read, and its reply (for `100 Continue`). */
export interface BodyExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

/**
 * Receives the body of `req` within `limits`; throws an `S3Error` for a body it refuses. A client that waits for
 * `100 Continue` (the SDK does for large bodies) is told to send only once the declared size and headers are fine.
 */
export async function receiveBody({ req, res }: BodyExchange, limits: BodyLimits): Promise<ReceivedBody> {
  const chunked = isAwsChunked(req);
  const declared = declaredLength(req, chunked);
  if (declared !== undefined && declared > limits.maxBytes) throw entityTooLarge(limits.maxBytes);
  const announced = announcedChecksum(req);
  if (/^100-continue$/i.test(header(req, 'expect') ?? '') && !res.headersSent) res.writeContinue();
  const digests = startDigests(req, chunked, announced?.algorithm);
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  const source = decoder === undefined ? req : req.pipe(decoder);
  if (decoder !== undefined) req.once('error', (error) => decoder.destroy(error));
  const sink = new BodySink(limits.memoryBytes, limits.spill);
  try {
    const size = await pump(source, sink, digests, limits.maxBytes);
    if (chunked && declared !== undefined && size !== declared) {
      throw new S3Error(
        'IncompleteBody',
        400,
        `You did not provide the number of bytes specified by x-amz-decoded-content-length (${size} of ${declared}).`,
      );
    }
    const md5 = digests.md5.digest();
    const trailers = decoder?.trailers ?? new Map<string, string>();
    checkDigests(req, digests, md5);
    const checksum = checkedChecksum(announced, digests, trailers);
    const segments = await sink.finish();
    return { segments, size, md5, ...(checksum !== undefined && { checksum }) };
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

/** Bytes of an XML request body (a DeleteObjects of 1,000 long keys, a CompleteMultipartUpload of 10,000 parts). */
const MAX_XML_BODY_BYTES = 4 * 1024 ** 2;

/** Receives a small XML body whole, as text. */
export async function receiveXml(exchange: BodyExchange, spill: SpillDirectory): Promise<string> {
  const limits = { maxBytes: MAX_XML_BODY_BYTES, memoryBytes: MAX_XML_BODY_BYTES, spill };
  const { segments } = await receiveBody(exchange, limits);
  return Buffer.concat(segments.map((segment) => ('bytes' in segment ? segment.bytes : Buffer.alloc(0)))).toString(
    'utf8',
  );
}
