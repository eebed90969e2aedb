import { type Static, Type } from '@sinclair/typebox';
import { DatabaseEnv, loadConfig, SecretEnv, ServiceConfig } from '@hatago/platform/config';

/** What one app process reads from its environment when it runs on its own. */
export const StandaloneServiceEnv = Type.Object({
  ...ServiceConfig,
  ...DatabaseEnv,
  ...SecretEnv,
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
});
export type StandaloneServiceConfig = Static<typeof StandaloneServiceEnv>;

export function loadStandaloneConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): StandaloneServiceConfig {
  return loadConfig(StandaloneServiceEnv, { PORT: String(defaultPort), ...env });
}
