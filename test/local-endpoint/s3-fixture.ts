/**
 * A local endpoint backed by a `MemoryTransport`, and a plain `S3Client` on its default settings pointed at it:
 * only the endpoint, path style, a region and dummy credentials (no checksum or retry overrides).
 * @module
 */
import { spawnSync } from 'node:child_process';
import { S3Client } from '@aws-sdk/client-s3';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import type { LocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';

/** Dummy credentials: the endpoint checks no signature. */
export const dummyCredentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

export interface S3OverLocal {
  backing: MemoryTransport;
  endpoint: LocalEndpoint;
  s3: S3Client;
  close(): Promise<void>;
}

/** Starts the endpoint on port 0 and a default `S3Client` for it. */
export async function startS3OverLocal(options: Omit<LocalEndpointOptions, 'backing'> = {}): Promise<S3OverLocal> {
  const backing = new MemoryTransport();
  const endpoint = await startLocalEndpoint({ backing, ...options });
  const s3 = new S3Client({
    endpoint: endpoint.url,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: dummyCredentials,
  });
  return {
    backing,
    endpoint,
    s3,
    close: async () => {
      s3.destroy();
      await endpoint.close();
    },
  };
}

/** The environment of a child process (the AWS CLI, boto3) pointed at nothing but the endpoint. */
export function childAwsEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Whether `command args` runs and exits 0 here: the tests of other clients skip cleanly where one is absent. */
function runs(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { env: childAwsEnv(), stdio: 'ignore' }).status === 0;
}

/** The AWS CLI is installed. */
export const hasAwsCli = runs('aws', ['--version']);

/** Python 3 with boto3 is installed. */
export const hasBoto3 = runs('python3', ['-c', 'import boto3']);
