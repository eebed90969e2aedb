/**
 * `npm run migrate`: applies every pending migration to DATABASE_URL once, before app
 * instances start. Kysely's migrator holds an advisory lock, so two runs never race.
 */
import { Type } from '@sinclair/typebox';
import { runDatabaseCommand } from '@hatago/db';
import { migrateHatago } from './index.ts';

await runDatabaseCommand('migrate', Type.Object({}), async (db) => {
  const applied = await migrateHatago(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
});
