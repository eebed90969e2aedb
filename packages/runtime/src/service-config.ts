import { type Static, Type } from '@sinclair/typebox';
import { DatabaseEnv, loadConfig, MetricsEnv, SecretEnv, ServiceConfig } from '@hatago/platform/config';
import { checkEdgePurgeSettings, EdgePurgeEnv } from '@hatago/platform/edge';
import { checkS3Settings, SharedComponentsEnv } from './shared-components-env.ts';

/** What one app process reads from its environment when it runs on its own. */
export const StandaloneServiceEnv = Type.Object({
  ...ServiceConfig,
  ...MetricsEnv,
  ...DatabaseEnv,
  ...SecretEnv,
  ...SharedComponentsEnv,
  ...EdgePurgeEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** Local object storage (exports) when S3_BUCKET is not set. */
  STORAGE_DIR: Type.String({ minLength: 1, default: './data/objects' }),
  /** The site's public origin, for links in mails (password reset); never taken from a request's Host. */
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://[^/\\s]+/?$', default: 'http://localhost:8080' }),
});
export type StandaloneServiceConfig = Static<typeof StandaloneServiceEnv>;

export function loadStandaloneConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): StandaloneServiceConfig {
  const config = loadConfig(StandaloneServiceEnv, { PORT: String(defaultPort), ...env });
  checkS3Settings(config);
  checkEdgePurgeSettings(config);
  return config;
}
