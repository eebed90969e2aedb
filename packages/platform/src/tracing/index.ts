export * from './spans.ts';
export * from './server-span.ts';
