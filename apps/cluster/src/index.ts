export { type AppProcess, startAppProcess } from './app-process.ts';
export { type ClusterProcess, startCluster } from './cluster-process.ts';
export { ClusterControl, type ClusterStatus } from './control-client.ts';
export { type BuildManifest, isBuildFresh, readBuildManifest, REPO_ROOT } from './built-services.ts';
export { nodeArgsFor } from './node-command.ts';
export { probeTimingOf } from './probe-timing.ts';
export type { ProcessStatus } from './supervised-process.ts';
