const BRAND_NAMES: Record<string, string> = { visa: 'VISA', mastercard: 'Mastercard', jcb: 'JCB', amex: 'American Express' };

/** A card as its holder recognises it on a page or in a mail, the same in every language: "VISA •••• 4242". */
export const cardLabel = (card: { brand: string; last4: string }): string => `${BRAND_NAMES[card.brand] ?? 'Card'} •••• ${card.last4}`;
