/**
 * What the demo photos add to the first `npm start`, side by side in one run: the full demo
 * world (70 hotels, 80 restaurants) on an in-memory database, then `seedDemoPhotos` as the
 * embedded platform calls it (two owners at a time), timed until the last hotel is done and
 * until the last restaurant is; hotels come first, so the difference is what restaurants add.
 * Usage:
 *   npm run bench:demo-photos
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '@hatago/db';
import { seedDemoData, seedDemoPhotos } from '@hatago/demo-data';
import { migrateHatago } from '@hatago/schema';
import { LocalStorage, UrlSignature } from '@hatago/storage';

const database = await openDatabase({ kind: 'pglite' });
await migrateHatago(database.db);
await seedDemoData(database.db, { days: 1 });
const count = async (table: 'hotels' | 'restaurants') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n;
const [hotels, restaurants] = [await count('hotels'), await count('restaurants')];
const root = await mkdtemp(path.join(tmpdir(), 'hatago-demo-photos-bench-'));
const storage = new LocalStorage({ root, signature: new UrlSignature('demo-photos-bench-secret-0123456789'), urlPrefix: '/files/' });

const start = performance.now();
let hotelsMs = 0;
await seedDemoPhotos(database.db, storage, { onProgress: (done) => void (done === hotels && (hotelsMs = performance.now() - start)) });
const totalMs = performance.now() - start;
const restaurantsMs = totalMs - hotelsMs;

const row = (what: string, owners: number, photos: number, ms: number) =>
  `${what.padEnd(12)} ${String(owners).padStart(6)} ${String(photos).padStart(6)} ${(ms / 1000).toFixed(1).padStart(7)} s ${(ms / photos).toFixed(1).padStart(7)} ms/photo`;
console.log(`${'owners'.padEnd(12)} ${'count'.padStart(6)} ${'photos'.padStart(6)} ${'time'.padStart(9)} ${'per photo'.padStart(16)}`);
console.log(row('hotels', hotels, hotels * 3, hotelsMs));
console.log(row('restaurants', restaurants, restaurants * 2, restaurantsMs));
console.log(row('all', hotels + restaurants, hotels * 3 + restaurants * 2, totalMs));
console.log(`restaurants add ${(restaurantsMs / hotelsMs).toFixed(2)}× the hotels' photo time (${((restaurantsMs / totalMs) * 100).toFixed(0)}% of it all)`);
await rm(root, { recursive: true, force: true });
process.exit(0);
