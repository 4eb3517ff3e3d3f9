/**
 * An s3rver (a local S3 on the file system) on 127.0.0.1, a free port and a temporary directory, for tests of the
 * S3 calls with the real SDK. `close()` stops it, ends its connections and removes the directory.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** The only credentials s3rver accepts (it checks the access key id even when it ignores signatures). */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A running s3rver. */
export interface RunningS3rver {
  /** Base URL, e.g. `http://127.0.0.1:41234`; use it with path-style addressing. */
  url: string;
  /** Where it keeps the objects. */
  directory: string;
  close(): Promise<void>;
}

/** Starts s3rver with `buckets` created (names of 3..63 characters). Any well-formed signature is accepted. */
export async function startS3rver(buckets: readonly string[] = []): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  try {
    const { port } = await server.run();
    return {
      url: `http://127.0.0.1:${port}`,
      directory,
      close: async () => {
        const closed = server.close();
        // Keep-alive sockets of the SDK would otherwise hold the close up.
        server.httpServer?.closeAllConnections();
        await closed;
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
