/**
 * The SDK planes are imported on first use. A failing import (EMFILE, a bundle without the chunk, a broken install)
 * leaves the transport as one of the library's error classes, like every other failure, and is not kept: the next
 * call tries the import again.
 */
import { describe, expect, it, vi } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';

let failNext = true;
vi.mock('../../src/transport/aws/planes/control-plane.js', async (importOriginal) => {
  if (failNext) {
    failNext = false;
    throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
  }
  return importOriginal();
});

const options = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } } as const;

describe('a plane whose import fails', () => {
  it('rejects with one of the library error classes', async () => {
    failNext = true;
    const transport = new AwsTransport(options);
    const error = await transport.describeDataset('arn:aws:personalize:eu-west-1:1:dataset/x').catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
  });
});
