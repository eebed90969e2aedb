import { trace, type Attributes } from '@opentelemetry/api';
import { childSpan, SpanKind } from '@hatago/platform/tracing';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';

const MAX_STATEMENT_LENGTH = 2000;

/**
 * The statement as a trace shows it: one line, and no literal values, which may hold a
 * guest's data (Kysely passes values as $n parameters; raw SQL may still carry literals).
 */
export function normaliseStatement(sql: string): string {
  const text = sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_STATEMENT_LENGTH ? `${text.slice(0, MAX_STATEMENT_LENGTH)}…` : text;
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const TRANSACTION_CONTROL = new Set(['BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

const TARGET = /\b(?:from|into|update|join)\s+"?([A-Za-z_][\w.]*)"?/i;

/** `SELECT hotels`, `INSERT mail_messages`, `BEGIN`: the operation and its first table, as the semantic conventions name a query span. */
export function statementSummary(statement: string): { operation: string; table: string | undefined } {
  const operation = (/^\(*\s*([A-Za-z]+)/.exec(statement)?.[1] ?? 'SQL').toUpperCase();
  return { operation, table: TARGET.exec(statement)?.[1] };
}

/**
 * Runs one statement under a span with the OpenTelemetry database attributes: the normalised
 * text, operation, table, rows returned. Only inside a trace: the mail workers' polling
 * would otherwise start a trace of its own every few hundred milliseconds.
 */
function executeTraced<R>(driverName: string, connection: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
  if (!trace.getActiveSpan()?.isRecording()) return connection.executeQuery<R>(query);
  const statement = normaliseStatement(query.sql);
  const { operation, table } = statementSummary(statement);
  const attributes: Attributes = {
    'db.system.name': 'postgresql',
    'db.query.text': statement,
    'db.operation.name': operation,
    'hatago.db.driver': driverName,
  };
  if (table) attributes['db.collection.name'] = table;
  return childSpan('@hatago/db', table ? `${operation} ${table}` : operation, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const result = await connection.executeQuery<R>(query);
      // Kysely's pg connection answers transaction control with a status row PGlite does not give
      if (!TRANSACTION_CONTROL.has(operation)) span?.setAttribute('db.response.returned_rows', result.rows.length);
      // pg and PGlite disagree on what BEGIN or SELECT affected: only writes say, on both alike
      if (WRITES.has(operation)) span?.setAttribute('hatago.db.affected_rows', Number(result.numAffectedRows ?? 0));
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string') span?.setAttribute('db.response.status_code', code);
      throw error;
    }
  });
}

/**
 * The driver's connections, each behind a proxy whose executeQuery is traced; everything
 * else (release, the pg driver's private discard mark) reaches the real connection, so
 * BEGIN, COMMIT and savepoints, which the driver runs through executeQuery, get spans too.
 */
function tracedDriver(driverName: string, driver: Driver): Driver {
  const proxies = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const proxyOf = (connection: DatabaseConnection) => {
    let proxy = proxies.get(connection);
    if (!proxy) {
      proxy = new Proxy(connection, {
        get(target, property) {
          if (property === 'executeQuery') return (query: CompiledQuery) => executeTraced(driverName, target, query);
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      proxies.set(connection, proxy);
    }
    return proxy;
  };
  return new Proxy(driver, {
    get(target, property) {
      if (property === 'acquireConnection') return async () => proxyOf(await target.acquireConnection());
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** One approach for both databases: PGlite and PostgreSQL statements give spans of the same shape. */
export function withSqlSpans(driverName: 'pglite' | 'pg', dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => tracedDriver(driverName, dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
