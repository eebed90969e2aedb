import { fileURLToPath } from 'node:url';

/** The repository root: instances run from it whatever the caller's working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// resolved here, not by the child: a child started in another working directory could not find tsx
const TSX_LOADER = import.meta.resolve('tsx');
const EXIT_WITH_PARENT = new URL('./exit-with-parent.ts', import.meta.url).href;
// OpenTelemetry's module hooks must be in place before the entry point imports http and ioredis
const TELEMETRY_HOOKS = import.meta.resolve('@hatago/telemetry/register');

/**
 * Arguments that run a TypeScript entry point in a fresh Node process: through tsx, with the
 * telemetry hooks, and a preload that drains the process when its supervisor goes away, so a
 * crashed or killed supervisor never leaves orphaned servers holding ports.
 */
export function nodeArgsFor(entry: string): string[] {
  return ['--import', TSX_LOADER, '--import', TELEMETRY_HOOKS, '--import', EXIT_WITH_PARENT, fileURLToPath(new URL(entry, `file://${REPO_ROOT}`))];
}
