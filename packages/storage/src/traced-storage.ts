import { childSpan, SpanKind } from '@hatago/platform/tracing';
import type { ObjectStorage } from './object-storage.ts';

/**
 * The storage port with a span per call inside a trace (`storage put`, key, backend): one
 * decorator, so the local directory and S3 give the same spans.
 */
export function tracedStorage(storage: ObjectStorage, backend: 'local' | 's3'): ObjectStorage {
  const traced =
    <A extends unknown[], R>(operation: string, call: (key: string, ...rest: A) => Promise<R>) =>
    (key: string, ...rest: A): Promise<R> =>
      childSpan(
        '@hatago/storage',
        `storage ${operation}`,
        { kind: SpanKind.CLIENT, attributes: { 'hatago.storage.operation': operation, 'hatago.storage.key': key, 'hatago.storage.backend': backend } },
        () => call(key, ...rest),
      );
  return {
    put: traced('put', (key, body: Buffer | string, options: Parameters<ObjectStorage['put']>[2]) => storage.put(key, body, options)),
    get: traced('get', (key) => storage.get(key)),
    delete: traced('delete', (key) => storage.delete(key)),
    signedUrl: traced('sign', (key, options: { expiresInSeconds: number }) => storage.signedUrl(key, options)),
  };
}
