import { type Static, type TObject, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PlatformErrors } from '../errors/platform-errors.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = PlatformErrors.HATAGO_CONFIG_INVALID;
}

/**
 * Reads environment variables through a schema; a wrong value stops start-up with one line
 * naming the variable, instead of surfacing later as a confusing runtime failure.
 */
export function loadConfig<S extends TObject>(schema: S, env: NodeJS.ProcessEnv = process.env): Static<S> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(schema, raw);
  const converted = Value.Convert(schema, withDefaults);
  const first = Value.Errors(schema, converted).First();
  if (first) {
    const variable = first.path.replace(/^\//, '').split('/')[0] || '(environment)';
    const shown = raw[variable] === undefined ? 'missing' : JSON.stringify(raw[variable]);
    throw new ConfigError(`invalid configuration: ${variable} (${shown}): ${first.message}`);
  }
  return converted as Static<S>;
}

/** Variables every HTTP service reads. */
export const ServiceConfig = {
  HOST: Type.String({ default: '127.0.0.1' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Time between failing readiness and closing the listener, so balancers notice first. */
  SHUTDOWN_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 0 }),
  /** The deployment environment feature flags are evaluated for: each flag has rules per environment. */
  HATAGO_ENVIRONMENT: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', default: 'development' }),
};

/** Variables of every process serving an app, whose /metrics a scraper reads. */
export const MetricsEnv = {
  /** Bearer token for /metrics; unset: the app serves no metrics (the edge never routes them either). */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
};

/** Variables of every process that reaches the database. */
export const DatabaseEnv = {
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: './data' }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
  /** Distinct statements each PostgreSQL connection keeps prepared; 0 behind a pooler in transaction mode (PgBouncer), which cannot keep them. */
  DB_PREPARED_STATEMENTS: Type.Integer({ minimum: 0, maximum: 2000, default: 256 }),
};

export const SecretEnv = {
  /** Signs download links and cookies; shared by every instance of an app. */
  SIGNING_SECRET: Type.String({ minLength: 32 }),
};
