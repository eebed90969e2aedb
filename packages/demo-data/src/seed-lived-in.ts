import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { seedDemoStays } from './seed-demo-stays.ts';
import { seedDemoTables } from './seed-demo-tables.ts';

/** The lived-in world's own dice, so the catalogue's are rolled the same with or without it. */
function dice(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** Every demo hotel's stays and every restaurant's tables around `today`, in the seed's transaction, reported hotel by hotel, then restaurant by restaurant. */
export async function seedLivedIn(trx: Executor, today: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const { rows } = await sql<{ n: number }>`select (select count(*) from hotels)::int + (select count(*) from restaurants)::int as n`.execute(trx);
  const total = rows[0]!.n;
  let done = 0;
  const seeding = { trx, today, pick: dice(20261207), onSeeded: () => onProgress?.(++done, total) };
  await seedDemoStays(seeding);
  await seedDemoTables(seeding);
}
