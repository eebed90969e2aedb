import { sql } from 'kysely';
import { STAY_LIMITS } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import { addDays } from '@hatago/platform/time';
import type { ReservationStatus } from '../booking-tables.ts';

/** One stay as the front desk reads it on a given day. */
export interface FrontDeskStay {
  code: string;
  /** Confirmed (not arrived yet, so the desk may check in), checked in, or checked out (a departure done). */
  status: Extract<ReservationStatus, 'confirmed' | 'checked_in' | 'checked_out'>;
  guestName: string;
  guestNameLatin: string;
  roomTypeName: string;
  checkin: string;
  checkout: string;
  nights: number;
  guests: number;
  rooms: number;
}

export interface FrontDeskDay {
  date: string;
  /** Checking in on the day. */
  arrivals: FrontDeskStay[];
  /** Checking out on the day. */
  departures: FrontDeskStay[];
  /** Checked in before the day and leaving after it. */
  inHouse: FrontDeskStay[];
}

type Kind = 'arrival' | 'departure' | 'in-house';

/**
 * A hotel's arrivals, departures and in-house guests on one Tokyo date, in one query.
 * A stay touching `date` checked in at most `maxNights` days before it, so the check-in
 * range bounds the scan on reservations_hotel_checkin_idx. Cancelled stays and no-shows are
 * no one's; a stay checked out stays only among the day's departures, as done.
 */
export async function frontDeskDay(db: Executor, hotelId: number, date: string): Promise<FrontDeskDay> {
  const { rows } = await sql<{
    kind: Kind;
    code: string;
    status: FrontDeskStay['status'];
    guest_name: string;
    guest_name_latin: string;
    room_type_name: string;
    checkin: string;
    checkout: string;
    nights: number;
    guests: number;
    rooms: number;
  }>`
    select case when checkin = ${date}::date then 'arrival'
                when checkin + nights = ${date}::date then 'departure'
                else 'in-house' end as kind,
           code, status, guest_name, guest_name_latin, room_type_name,
           to_char(checkin, 'YYYY-MM-DD') as checkin, to_char(checkin + nights, 'YYYY-MM-DD') as checkout,
           nights, guests, rooms
    from reservations
    where hotel_id = ${hotelId}
      and (status in ('confirmed', 'checked_in') or (status = 'checked_out' and checkin + nights = ${date}::date))
      and checkin between ${addDays(date, -STAY_LIMITS.maxNights)}::date and ${date}::date
      and checkin + nights >= ${date}::date
    order by checkin, guest_name_latin, id
  `.execute(db);
  const day: FrontDeskDay = { date, arrivals: [], departures: [], inHouse: [] };
  const lists: Record<Kind, FrontDeskStay[]> = { arrival: day.arrivals, departure: day.departures, 'in-house': day.inHouse };
  for (const { kind, guest_name, guest_name_latin, room_type_name, ...stay } of rows) {
    lists[kind].push({ ...stay, guestName: guest_name, guestNameLatin: guest_name_latin, roomTypeName: room_type_name });
  }
  return day;
}
