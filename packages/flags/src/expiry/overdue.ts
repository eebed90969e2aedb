import { daysBetween, tokyoToday } from '@hatago/platform/time';
import type { FlagDefinition } from '../definition/flag-definition.ts';

/**
 * Days a flag is past its expiry on the given instant's Asia/Tokyo date: 0 or less until
 * then. `expiresOn` is the last day the flag is expected, so it is overdue from the next.
 */
export const daysOverdue = (flag: Pick<FlagDefinition, 'expiresOn'>, now: Date): number => daysBetween(flag.expiresOn, tokyoToday(now));

export const isOverdue = (flag: Pick<FlagDefinition, 'expiresOn'>, now: Date): boolean => daysOverdue(flag, now) > 0;
