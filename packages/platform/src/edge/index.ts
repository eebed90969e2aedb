export * from './edge-purge-client.ts';
export { purgeEdgeOn, type EdgeKeySource, type EdgePurging } from './edge-purging.ts';
