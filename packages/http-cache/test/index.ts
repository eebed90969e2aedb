export * from './cache-harness.ts';
export { type Fetched, request } from './http-client.ts';
export * from './header-fuzz.ts';
