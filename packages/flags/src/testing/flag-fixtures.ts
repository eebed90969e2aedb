import type { FlagDefinition } from '../definition/flag-definition.ts';

/** A valid flag, on for previews only in every environment; tests override what they are about. */
export function flagDefinition(overrides: Partial<FlagDefinition> = {}): FlagDefinition {
  const rule = () => ({ enabled: true, percent: 0, allow: ['new-search'] });
  return {
    key: 'new-search',
    description: 'Photo-grid search results',
    owner: 'Design team',
    expiresOn: '2027-03-07',
    environments: { development: rule(), staging: rule(), production: rule() },
    ...overrides,
  };
}
