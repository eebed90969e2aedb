import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';

/** Distinct statements prepared per process by default: each connection holds at most this many on the server. */
export const DEFAULT_PREPARED_STATEMENTS = 256;

/**
 * Which statements run as named prepared statements, and under which name. PostgreSQL then
 * parses a statement once per connection and can keep its plan, instead of parsing and
 * planning it on every call (a booking's short statements spend a large part of the
 * server's time there). Kysely compiles every call to the same text for the same query, so
 * the text is the key.
 *
 * Left unnamed:
 * - statements without parameters (BEGIN, COMMIT, DDL): pg sends those in one simple-protocol message already;
 * - statements whose columns come from a `*` (`select *`, `select "t".*`, `returning *`; not
 *   `count(*)` nor a product): after a migration adds a column, a prepared one fails with "cached
 *   plan must not change result type" on every connection that holds it, which during a rolling
 *   deploy would be the old instances still serving;
 * - any statement first seen after `limit` others were named: texts that vary (IN lists, bulk
 *   inserts of n rows) must not grow every connection's statements on the server without bound.
 */
// a star standing for columns: after select (distinct), returning or a comma, or qualified by a table
const COLUMN_STAR = /(?:\bselect(?:\s+distinct)?|\breturning|,)\s*\*|\.\*/i;

export class StatementNames {
  readonly #names = new Map<string, string>();

  constructor(private readonly limit = DEFAULT_PREPARED_STATEMENTS) {}

  nameOf(sql: string, parameterCount: number): string | undefined {
    const known = this.#names.get(sql);
    if (known !== undefined || parameterCount === 0 || this.#names.size >= this.limit || COLUMN_STAR.test(sql)) return known;
    const name = `hatago_${this.#names.size + 1}`;
    this.#names.set(sql, name);
    return name;
  }

  get size(): number {
    return this.#names.size;
  }
}

/** The pool as Kysely's PostgresDialect takes it, its clients running named statements where `names` says so. */
export function preparingPool(pool: pg.Pool, names: StatementNames): PostgresPool {
  // pg-pool hands out the same clients again: each is wrapped once
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
      // a stream's cursor (Kysely's stream()) goes through as it came; pg's client is the client Kysely expects
      if (typeof sqlOrCursor !== 'string') return (client as unknown as PostgresPoolClient).query(sqlOrCursor);
      const values = parameters as unknown[];
      const name = names.nameOf(sqlOrCursor, values.length);
      return name === undefined ? client.query(sqlOrCursor, values) : client.query({ name, text: sqlOrCursor, values });
    }) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let own = wrapped.get(client);
      if (own === undefined) wrapped.set(client, (own = wrap(client)));
      return own;
    },
    end: () => pool.end(),
  };
}
