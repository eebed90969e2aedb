import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Location } from './s3-storage.ts';

export interface TestS3 {
  location: Required<Pick<S3Location, 'endpoint' | 'region' | 'bucket' | 'credentials' | 'forcePathStyle'>>;
  stop(): Promise<void>;
}

/**
 * s3rver stands in for S3 in tests: a real HTTP server speaking the S3 REST API and
 * checking request signatures against its fixed credentials, on a free loopback port,
 * with one empty bucket in a directory of its own.
 */
export async function startTestS3(bucket = 'hatago-test'): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'hatago-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    location: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
