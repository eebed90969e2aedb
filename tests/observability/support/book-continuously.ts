import { setTimeout as pause } from 'node:timers/promises';
import { futureDate } from '@hatago/test-support';

/** A guest booking a stay every 50 ms through the edge until stopped; remembers the statuses it got. */
export function bookContinuously(edgeUrl: string, planId: number) {
  const statuses = new Set<number>();
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const res = await fetch(`${edgeUrl}/api/v1/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `slo-e2e-${++n}` },
        body: JSON.stringify({ planId, checkin: futureDate(5 + (n % 20)), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: `Guest ${n}`, email: `g${n}@example.com`, phone: '090-0000-0000' } }),
      });
      statuses.add(res.status);
      await res.arrayBuffer();
      // pacing the load, not waiting for anything
      await pause(50);
    }
  })();
  return {
    statuses,
    async stop() {
      running = false;
      await loop;
    },
  };
}
