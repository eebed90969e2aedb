import { cardLabel } from '@hatago/payments';
import { yen } from './forms.ts';
import { tokyoTime } from './tokyo-time.ts';

/** A stay's or a table's card guarantee as the consoles hold it: how to name the card, what is held, where it ended. */
export interface GuaranteeState {
  brand: string;
  last4: string;
  amount: number;
  status: 'authorised' | 'captured' | 'released' | 'capture_failed';
  charged?: number | null;
  settledAt?: string | null;
}

const STATES: Record<GuaranteeState['status'], (g: GuaranteeState) => string> = {
  authorised: (g) => `${yen(g.amount)} held`,
  released: () => 'hold released, nothing charged',
  captured: (g) => `charged ${yen(g.charged ?? 0)}`,
  capture_failed: () => 'the charge was refused: collect the fee otherwise',
};

/** The words staff read for a guarantee in either console: the card (brand and last four, never more) and its state. */
export const guaranteeStateLabel = (g: GuaranteeState): string =>
  `${cardLabel(g)}: ${STATES[g.status](g)}${g.settledAt ? ` (${tokyoTime(g.settledAt, 'minute')})` : ''}`;
