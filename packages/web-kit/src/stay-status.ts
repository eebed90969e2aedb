/** A stay's status as the consoles meet it; the booking module's statuses fit this. */
export type StayStatus = 'confirmed' | 'checked_in' | 'checked_out' | 'no_show' | 'cancelled';

const LABELS: Record<StayStatus, string> = {
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

/** The words staff read for a status in either console, never the stored value. */
export const stayStatusLabel = (status: StayStatus): string => LABELS[status];
