export { ClusterControl, type ClusterStatus } from './control-client.ts';
export { nodeArgsFor } from './node-command.ts';
export type { ProcessStatus } from './supervised-process.ts';
