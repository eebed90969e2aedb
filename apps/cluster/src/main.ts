/**
 * `npm run start:cluster -- --instances 3`: the distributed mode on one machine. Migrates
 * once, optionally seeds, starts every app as several processes against PostgreSQL and
 * Redis, the edge in front of them, and keeps them all running. See USAGE.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@hatago/platform/config';
import { createLogger } from '@hatago/platform/logging';
import { parseClusterOptions, USAGE } from './cluster-options.ts';
import { instancePorts } from './cluster-ports.ts';
import { ClusterControl } from './control-client.ts';
import { startControlServer } from './control-server.ts';
import { startDevPeers } from './dev-peers.ts';
import { freePort } from './free-port.ts';
import { migrateOnce, seedIfEmpty } from './prepare-database.ts';
import { Supervisor } from './supervisor.ts';

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let options;
try {
  options = parseClusterOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`cluster: ${error.message}`);
  process.exit(78);
}
// LOG_LEVEL quiets the instances; the supervisor's few lifecycle lines always show
const logger = createLogger('cluster', 'info');
const socketPath = path.join(options.stateDir, 'control.sock');
if (existsSync(socketPath)) {
  const running = await new ClusterControl(socketPath).status().catch(() => undefined);
  if (running) {
    console.error(`cluster: a cluster is already running (edge ${running.edge}, control ${socketPath})`);
    process.exit(1);
  }
}

const peers = options.devPeers
  ? await startDevPeers()
  : { databaseUrl: options.env.DATABASE_URL!, redisUrl: options.env.REDIS_URL! };
logger.info({ database: new URL(peers.databaseUrl).pathname, redis: peers.redisUrl }, 'migrating');
try {
  await migrateOnce(peers.databaseUrl);
  if (options.seed) await seedIfEmpty(peers.databaseUrl, logger);
} catch (error) {
  // the migrate command has printed its own reason above
  logger.error({ err: (error as Error).message }, 'the database is not ready; no instance started');
  process.exit(1);
}

const signingSecret = options.env.SIGNING_SECRET ?? randomBytes(32).toString('hex');
if (!options.env.SIGNING_SECRET) logger.warn('SIGNING_SECRET unset: generated one for this run, shared by every instance');
const supervisor = new Supervisor({
  ports: await instancePorts(options.instances, options.basePort),
  edgePort: options.edgePort === 0 ? await freePort() : options.edgePort,
  edgeAdmin: { port: options.basePort === 0 ? await freePort() : options.basePort + 9, token: randomBytes(24).toString('hex') },
  env: { DATABASE_URL: peers.databaseUrl, REDIS_URL: peers.redisUrl, SIGNING_SECRET: signingSecret },
  logger,
  output: process.stdout,
});

let stopping: Promise<void> | undefined;
const stop = (reason: string, code: number) => {
  stopping ??= (async () => {
    logger.info({ reason }, 'stopping the cluster');
    await supervisor.stop();
    await rm(socketPath, { force: true });
    logger.info('cluster stopped');
    process.exit(code);
  })();
  return stopping;
};
process.once('SIGTERM', () => void stop('SIGTERM', 0));
process.once('SIGINT', () => void stop('SIGINT', 0));

try {
  await supervisor.start();
} catch (error) {
  logger.error({ err: (error as Error).message }, 'the cluster did not start');
  await stop('start-up failed', 1);
}
const control = await startControlServer(socketPath, supervisor);
control.unref();
logger.info(
  { edge: supervisor.edgeUrl, control: socketPath, processes: supervisor.status().map((p) => `${p.id} ${p.url}`) },
  `cluster ready at ${supervisor.edgeUrl}`,
);
