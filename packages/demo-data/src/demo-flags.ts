import { type Executor, tablesOf } from '@hatago/db';
import { type FlagDefinition, type FlagsTables, requireValidFlag } from '@hatago/flags';

const previewsOnly = () => ({ enabled: true, percent: 0, allow: ['new-search'] });

/** The search page's photo grid, in every environment for `?preview=new-search` only, as the feature's designers review it. */
export const DEMO_FLAGS: FlagDefinition[] = [
  {
    key: 'new-search',
    description: 'Photo-grid search results',
    owner: 'Design team',
    expiresOn: '2027-03-07',
    environments: { development: previewsOnly(), staging: previewsOnly(), production: previewsOnly() },
  },
];

/** The demo flags, checked as the console checks them, written by the seed rather than an operator. */
export async function seedDemoFlags(trx: Executor): Promise<void> {
  await tablesOf<FlagsTables>(trx)
    .insertInto('feature_flags')
    .values(DEMO_FLAGS.map((flag) => ({ key: flag.key, definition: JSON.stringify(requireValidFlag(flag)), updated_by: 'demo data' })))
    .execute();
}
