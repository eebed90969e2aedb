export { runStandalone, type StandaloneDeps } from './run-standalone.ts';
export { loadStandaloneConfig, StandaloneServiceEnv, type StandaloneServiceConfig } from './service-config.ts';
