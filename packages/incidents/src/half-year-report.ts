import { sql } from 'kysely';
import type { Executor } from '@hatago/db';

/** One row of the table the team kept per half year: how many, how many ours (infrastructure), how fast we saw and fixed them. */
export interface HalfYearRow {
  /** `2026 H2` */
  period: string;
  total: number;
  infrastructure: number;
  product: number;
  external: number;
  unclassified: number;
  /** Median minutes from impact to detection (started → detected); null without incidents. */
  medianMinutesToDetect: number | null;
  /** Median minutes from detection to resolution, resolved incidents only. */
  medianMinutesToResolve: number | null;
}

/** Every half year with an incident, newest first; halves are counted in Tokyo time, by when the incident started. */
export async function halfYearReport(db: Executor): Promise<HalfYearRow[]> {
  const { rows } = await sql<{
    year: number;
    half: number;
    total: number;
    infrastructure: number;
    product: number;
    external: number;
    unclassified: number;
    detect: number | null;
    resolve: number | null;
  }>`
    with periods as (
      select *, extract(year from started_at at time zone 'Asia/Tokyo')::int as year,
             case when extract(month from started_at at time zone 'Asia/Tokyo') <= 6 then 1 else 2 end as half
      from incidents
    )
    select year, half, count(*)::int as total,
      count(*) filter (where cause = 'infrastructure')::int as infrastructure,
      count(*) filter (where cause = 'product')::int as product,
      count(*) filter (where cause = 'external')::int as external,
      count(*) filter (where cause is null)::int as unclassified,
      percentile_cont(0.5) within group (order by extract(epoch from detected_at - started_at) / 60)::float8 as detect,
      percentile_cont(0.5) within group (order by extract(epoch from resolved_at - detected_at) / 60)::float8 as resolve
    from periods group by year, half order by year desc, half desc`.execute(db);
  return rows.map((r) => ({
    period: `${r.year} H${r.half}`,
    total: r.total,
    infrastructure: r.infrastructure,
    product: r.product,
    external: r.external,
    unclassified: r.unclassified,
    medianMinutesToDetect: r.detect === null ? null : Number(r.detect),
    medianMinutesToResolve: r.resolve === null ? null : Number(r.resolve),
  }));
}
