export type { AppDeps } from './app-deps.ts';
export { runStandalone, type StandaloneDeps } from './run-standalone.ts';
export { loadStandaloneConfig, StandaloneServiceEnv, type StandaloneServiceConfig } from './service-config.ts';
export { openSharedComponents, type SharedComponents } from './shared-components.ts';
export { SharedComponentsEnv } from './shared-components-env.ts';
export { platformTemplates } from './platform-templates.ts';
