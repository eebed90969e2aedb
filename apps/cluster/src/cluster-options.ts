import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Static, Type } from '@sinclair/typebox';
import { ConfigError, loadConfig, ServiceConfig } from '@hatago/platform/config';
import { SCALED_APPS, type ScaledApp } from './cluster-layout.ts';

export const USAGE = `npm run start:cluster -- [options]
  --instances <n>      instances of every app (default 2, at most 9)
  --scale <app>=<n>    instances of one app, e.g. --scale guest=3 (repeatable)
  --port <n>           the edge's port (default $PORT or 8080; 0 = any free port)
  --base-port <n>      instance i of guest/facility/operator/mailer listens on base+1..4 + 10*i
                       and the edge's admin listener base+9 (default 3000; 0 = any free ports)
  --state-dir <dir>    where the control socket lives (default ./data/cluster)
  --seed               seed the demo world into an empty database
  --dev-peers          start throw-away PostgreSQL and Redis servers (scripts/start-test-*.sh)
Environment: DATABASE_URL (postgres://…) and REDIS_URL (redis://…) unless --dev-peers;
SIGNING_SECRET (shared by every instance; generated for this run when unset), LOG_LEVEL,
DB_POOL_SIZE and the apps' other variables pass through to every instance.`;

const Env = Type.Object({
  ...ServiceConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  SIGNING_SECRET: Type.Optional(Type.String({ minLength: 32 })),
});

export interface ClusterOptions {
  env: Static<typeof Env>;
  instances: Record<ScaledApp, number>;
  edgePort: number;
  basePort: number;
  stateDir: string;
  seed: boolean;
  devPeers: boolean;
}

const integer = (name: string, value: string, min: number, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`invalid option: --${name} (${value}): use an integer from ${min} to ${max}`);
  return n;
};

/** Command-line options and environment, checked together: one clear line for the first mistake. */
export function parseClusterOptions(argv: string[], environment: NodeJS.ProcessEnv = process.env): ClusterOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        instances: { type: 'string', default: '2' },
        scale: { type: 'string', multiple: true, default: [] },
        port: { type: 'string' },
        'base-port': { type: 'string', default: '3000' },
        'state-dir': { type: 'string', default: 'data/cluster' },
        seed: { type: 'boolean', default: false },
        'dev-peers': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new ConfigError(`invalid option: ${(error as Error).message}`);
  }
  const { values } = parsed;
  const env = loadConfig(Env, environment);
  const count = integer('instances', values.instances, 1, 9);
  const instances = Object.fromEntries(SCALED_APPS.map((app) => [app, count])) as Record<ScaledApp, number>;
  for (const item of values.scale) {
    const [app, n] = item.split('=');
    if (!(SCALED_APPS as readonly string[]).includes(app ?? '') || n === undefined) {
      throw new ConfigError(`invalid option: --scale (${item}): use <${SCALED_APPS.join('|')}>=<n>`);
    }
    instances[app as ScaledApp] = integer('scale', n, 0, 9);
  }
  const devPeers = values['dev-peers'];
  if (!devPeers) {
    if (!env.DATABASE_URL) throw new ConfigError('invalid configuration: DATABASE_URL (missing): the cluster runs on PostgreSQL (or pass --dev-peers)');
    if (!env.REDIS_URL) throw new ConfigError('invalid configuration: REDIS_URL (missing): instances share caches and limits in Redis (or pass --dev-peers)');
  }
  return {
    env,
    instances,
    edgePort: values.port === undefined ? env.PORT : integer('port', values.port, 0, 65535),
    basePort: integer('base-port', values['base-port'], 0, 65_000),
    stateDir: path.resolve(values['state-dir']),
    seed: values.seed,
    devPeers,
  };
}
