import { sql } from 'kysely';
import type { Executor } from '@hatago/db';

/** A booking or a cancellation, at the instant it happened (UTC, ISO 8601). */
export interface ReservationActivity {
  kind: 'booked' | 'cancelled';
  at: string;
  code: string;
  guestName: string;
  guestNameLatin: string;
  roomTypeName: string;
  checkin: string;
  nights: number;
  guests: number;
  cancelledBy: 'guest' | 'operator' | null;
}

export const RECENT_ACTIVITY_LIMIT = 10;

/**
 * A hotel's latest bookings and cancellations, newest first, in one query. Each branch
 * reads at most `limit` rows from its own index (reservations_hotel_created_idx,
 * reservations_hotel_cancelled_idx) however many reservations the hotel has.
 */
export async function recentReservationActivity(db: Executor, hotelId: number, limit = RECENT_ACTIVITY_LIMIT): Promise<ReservationActivity[]> {
  const columns = sql`code, guest_name, guest_name_latin, room_type_name, to_char(checkin, 'YYYY-MM-DD') as checkin, nights, guests, cancelled_by, id`;
  const { rows } = await sql<{
    kind: 'booked' | 'cancelled';
    at: Date | string;
    code: string;
    guest_name: string;
    guest_name_latin: string;
    room_type_name: string;
    checkin: string;
    nights: number;
    guests: number;
    cancelled_by: 'guest' | 'operator' | null;
  }>`
    (select 'booked' as kind, created_at as at, ${columns} from reservations
     where hotel_id = ${hotelId} order by created_at desc, id desc limit ${limit})
    union all
    (select 'cancelled' as kind, cancelled_at as at, ${columns} from reservations
     where hotel_id = ${hotelId} and cancelled_at is not null order by cancelled_at desc, id desc limit ${limit})
    order by at desc, kind desc, id desc
    limit ${limit}
  `.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    code: r.code,
    guestName: r.guest_name,
    guestNameLatin: r.guest_name_latin,
    roomTypeName: r.room_type_name,
    checkin: r.checkin,
    nights: r.nights,
    guests: r.guests,
    cancelledBy: r.kind === 'cancelled' ? r.cancelled_by : null,
  }));
}
