import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregatorRegistry, Registry } from 'prom-client';
import { SlottedCounter } from './slotted-counter.ts';

const valueOf = async (registry: { metrics(): Promise<string> }, labels: string) => {
  const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`hits_total{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('SlottedCounter', () => {
  it('shows what its slots counted at each scrape, without counting anything twice', async () => {
    const registry = new Registry();
    const hits = new SlottedCounter({ name: 'hits_total', help: 'h', labelNames: ['route', 'cache'], registers: [registry] });
    const hotelHit = hits.slot({ route: 'hotel', cache: 'HIT' });
    const hotelMiss = hits.slot({ route: 'hotel', cache: 'MISS' });
    for (let i = 0; i < 5; i++) hotelHit.inc();
    hotelMiss.inc();

    assert.equal(await valueOf(registry, 'route="hotel",cache="HIT"'), 5);
    assert.equal(await valueOf(registry, 'route="hotel",cache="MISS"'), 1);
    // a second scrape with nothing new: the same totals, not doubled
    assert.equal(await valueOf(registry, 'route="hotel",cache="HIT"'), 5);
    hotelHit.inc();
    hotelHit.inc();
    assert.equal(await valueOf(registry, 'route="hotel",cache="HIT"'), 7);
    assert.equal(await valueOf(registry, 'route="hotel",cache="MISS"'), 1);
  });

  it('leaves a label set no slot has counted out of the exposition', async () => {
    const registry = new Registry();
    new SlottedCounter({ name: 'hits_total', help: 'h', labelNames: ['cache'], registers: [registry] }).slot({ cache: 'STALE' });
    assert.equal(await valueOf(registry, 'cache="STALE"'), undefined);
  });

  it('sums across processes the way cluster aggregation reads each worker', async () => {
    const workers = [new Registry(), new Registry()];
    const slots = workers.map((registry) => new SlottedCounter({ name: 'hits_total', help: 'h', labelNames: ['cache'], registers: [registry] }).slot({ cache: 'HIT' }));
    slots[0]!.inc();
    slots[1]!.inc();
    slots[1]!.inc();
    const aggregated = AggregatorRegistry.aggregate(await Promise.all(workers.map((registry) => registry.getMetricsAsJSON())));
    assert.equal(await valueOf(aggregated, 'cache="HIT"'), 3);
  });
});
