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

// the first change a WITH statement makes: not the row locks of `for update`, nor an upsert's `do update`
const DATA_CHANGE = /\b(insert\s+into|(?<!\b(?:for|do)\s+)update|delete\s+from|merge\s+into)\s+"?([A-Za-z_][\w.]*)"?/i;

/**
 * `SELECT hotels`, `INSERT mail_messages`, `BEGIN`: the operation and its first table, as the
 * semantic conventions name a query span. A WITH statement that changes data is named by
 * its first change (`INSERT reservations`), which is what it is there for.
 */
export function statementSummary(statement: string): { operation: string; table: string | undefined } {
  const operation = (/^\(*\s*([A-Za-z]+)/.exec(statement)?.[1] ?? 'SQL').toUpperCase();
  const change = operation === 'WITH' ? DATA_CHANGE.exec(statement) : null;
  if (change) return { operation: change[1]!.split(/\s/)[0]!.toUpperCase(), table: change[2] };
  return { operation, table: TARGET.exec(statement)?.[1] };
}

interface StatementDescription {
  name: string;
  operation: string;
  attributes: Attributes;
}

// the application issues a few hundred distinct statements; normalising each once, not per
// execution, was the largest part of tracing's cost at 100 % sampling (docs/benchmarks.md)
const descriptions = new Map<string, StatementDescription>();
const MAX_DESCRIPTIONS = 2000;

function describe(driverName: string, sql: string): StatementDescription {
  let description = descriptions.get(sql);
  if (!description) {
    const statement = normaliseStatement(sql);
    const { operation, table } = statementSummary(statement);
    const attributes: Attributes = { 'db.system.name': 'postgresql', 'db.query.text': statement, 'db.operation.name': operation, 'hatago.db.driver': driverName };
    if (table) attributes['db.collection.name'] = table;
    description = { name: table ? `${operation} ${table}` : operation, operation, attributes };
    // statements built with varying IN lists could grow it without end: start over instead
    if (descriptions.size >= MAX_DESCRIPTIONS) descriptions.clear();
    descriptions.set(sql, description);
  }
  return description;
}

/**
 * Runs one statement under a span with the OpenTelemetry database attributes: the normalised
 * text, operation, table, rows returned. Only inside a trace: the mail workers' polling
 * would otherwise start a trace of its own every few hundred milliseconds.
 */
type Execute = DatabaseConnection['executeQuery'];

function executeTraced<R>(driverName: string, execute: Execute, query: CompiledQuery): Promise<QueryResult<R>> {
  if (!trace.getActiveSpan()?.isRecording()) return execute<R>(query);
  const { name, operation, attributes } = describe(driverName, query.sql);
  return childSpan('@hatago/db', name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const result = await execute<R>(query);
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
      const real = connection.executeQuery.bind(connection) as Execute;
      const traced: Execute = (query) => executeTraced(driverName, real, query);
      // Kysely's query log (the query metrics) wraps executeQuery by assigning over it: the
      // wrapper must sit outside the traced call, not replace the real one under it (a loop)
      let wrapped: Execute | undefined;
      // bound once per function: PGlite's driver gives its connection a new `release` on every acquire
      const bound = new WeakMap<Function, unknown>();
      proxy = new Proxy(connection, {
        get(target, property) {
          if (property === 'executeQuery') return wrapped ?? traced;
          const value = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          if (!bound.has(value)) bound.set(value, value.bind(target));
          return bound.get(value);
        },
        set(target, property, value) {
          if (property !== 'executeQuery') return Reflect.set(target, property, value, target);
          wrapped = value as Execute;
          return true;
        },
      });
      proxies.set(connection, proxy);
    }
    return proxy;
  };
  const acquireConnection = async () => proxyOf(await driver.acquireConnection());
  return new Proxy(driver, {
    get(target, property) {
      if (property === 'acquireConnection') return acquireConnection;
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
