import { Counter, type CounterConfiguration } from 'prom-client';

/** One label set of a SlottedCounter: the hot path adds to it with no label work at all. */
export class CounterSlot {
  count = 0;
  published = 0;
  constructor(readonly labels: Readonly<Record<string, string>>) {}

  inc(): void {
    this.count++;
  }
}

/**
 * A prom-client Counter counted in plain numbers. A child from prom-client's `labels(…)`
 * hashes and validates its label set again on every `inc()` (prom-client 15): measured
 * inside the edge at about 1 µs for the two counts of a cache hit, an eighth of what the
 * edge's own code spends on one. Here a label set gets its slot once; the Counter is
 * handed what the slots counted whenever it is collected (every scrape, every cluster
 * aggregation), so what Prometheus reads is the same.
 */
export class SlottedCounter<Label extends string> {
  readonly counter: Counter<Label>;
  readonly #slots: CounterSlot[] = [];

  constructor(config: Omit<CounterConfiguration<Label>, 'collect'>) {
    const slots = this.#slots;
    this.counter = new Counter<Label>({
      ...config,
      collect() {
        for (const slot of slots) {
          if (slot.count === slot.published) continue;
          this.inc(slot.labels as Partial<Record<Label, string>>, slot.count - slot.published);
          slot.published = slot.count;
        }
      },
    });
  }

  /** A new slot for one label set; the caller keeps it (asking twice for the same labels makes two slots that add up). */
  slot(labels: Readonly<Record<Label, string>>): CounterSlot {
    const slot = new CounterSlot(labels);
    this.#slots.push(slot);
    return slot;
  }
}
