import { Type } from '@sinclair/typebox';
import { ConfigError, loadConfig, ServiceConfig } from '@hatago/platform/config';
import { closeOnSignals } from '@hatago/platform/http';
import { createLogger } from '@hatago/platform/logging';
import { createEdgeServer } from './edge-server.ts';

const Env = Type.Object({
  ...ServiceConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  GUEST_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3001' }),
  FACILITY_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3002' }),
  OPERATOR_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3003' }),
});

let config;
try {
  config = loadConfig(Env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`edge: ${error.message}`);
  process.exit(78);
}
const logger = createLogger('edge', config.LOG_LEVEL);
const server = createEdgeServer({
  logger,
  backends: { guest: new URL(config.GUEST_URL), facility: new URL(config.FACILITY_URL), operator: new URL(config.OPERATOR_URL) },
});
server.listen(config.PORT, config.HOST, () => logger.info({ port: config.PORT }, 'edge listening'));
closeOnSignals([{ name: 'edge', close: () => new Promise((resolve) => server.close(resolve)) }], logger, {
  delayMs: config.SHUTDOWN_DELAY_MS,
});
