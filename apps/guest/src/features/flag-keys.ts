/** The flags the guest app asks about; each goes when its feature is released to everyone. */
export const FLAG_KEYS = {
  /** The photo-grid design of the hotel search results (pages/search-grid-view.ts). */
  newSearch: 'new-search',
} as const;

export type GuestFlagKey = (typeof FLAG_KEYS)[keyof typeof FLAG_KEYS];
