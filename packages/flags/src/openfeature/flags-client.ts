import { randomUUID } from 'node:crypto';
import { type Client, NOOP_PROVIDER, OpenFeature } from '@openfeature/server-sdk';
import { HatagoFlagProvider, type FlagDefinitionSource } from './hatago-provider.ts';

export interface FlagsClient {
  client: Client;
  close(): Promise<void>;
}

/**
 * An OpenFeature client bound to Hatago's provider under a domain of its own: OpenFeature's
 * API is one global per process, and the embedded platform (and tests) run several apps,
 * each with its own definitions source, in one process.
 */
export async function createFlagsClient(source: FlagDefinitionSource, environment: string, name = 'hatago'): Promise<FlagsClient> {
  const domain = `${name}-${randomUUID()}`;
  await OpenFeature.setProviderAndWait(domain, new HatagoFlagProvider(source, environment));
  return {
    client: OpenFeature.getClient(domain),
    // the API has no way to forget a domain; the no-op provider lets the source go
    async close() {
      await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER);
    },
  };
}
