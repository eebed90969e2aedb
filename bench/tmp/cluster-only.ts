import { fileURLToPath } from 'node:url';
import { withScratchDatabase } from '../lib/scratch-database.ts';
import { benchClusterBookings } from '../lib/cluster-booking-load.ts';
import { printCpuTable, printTable } from '../lib/load.ts';
const results = await withScratchDatabase(process.env.TEST_DATABASE_URL!, (url) =>
  benchClusterBookings({ label: 'cluster', databaseUrl: url, redisUrl: 'redis://127.0.0.1:6380/9', concurrency: 16, seconds: Number(process.env.SECS ?? 10), edgeRules: fileURLToPath(new URL('../edge-rules-unlimited.ts', import.meta.url)), tables: false }));
printTable(results);
printCpuTable(results);
