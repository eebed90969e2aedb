import { FakeHttpEndpoint } from '@hatago/mail/testing';

interface OtlpJsonTraces {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: unknown[] }>;
  }>;
}

export interface OtlpCollector {
  /** The standard variables that send a process's traces here, as OTLP/HTTP JSON, flushed every 100 ms. */
  env: Record<string, string>;
  /** The service names that sent spans of the given instrumentation scope (e.g. `@hatago/http`, every server's request spans). */
  servicesWithSpansFrom(scope: string): Set<string>;
  /** `service scope` of every span batch received, for a failure's message. */
  received(): string[];
  close(): Promise<void>;
}

/** A loopback OTLP collector that records what the built processes export, as a real collector receives it. */
export async function startOtlpCollector(): Promise<OtlpCollector> {
  const endpoint = await FakeHttpEndpoint.start(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }));
  return {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' },
    servicesWithSpansFrom(scope) {
      return new Set(batches(endpoint).filter((b) => b.scope === scope && b.spans > 0).map((b) => b.service));
    },
    received: () => [...new Set(batches(endpoint).map((b) => `${b.service} ${b.scope}`))],
    close: () => endpoint.close(),
  };
}

function batches(endpoint: FakeHttpEndpoint): Array<{ service: string; scope: string; spans: number }> {
  return endpoint.requests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((request) => (JSON.parse(request.body) as OtlpJsonTraces).resourceSpans ?? [])
    .flatMap(({ resource, scopeSpans }) => {
      const service = resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
      return (scopeSpans ?? []).map((s) => ({ service, scope: s.scope?.name ?? '?', spans: s.spans?.length ?? 0 }));
    });
}
