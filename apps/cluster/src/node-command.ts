import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtManifest, DIST_DIR, REPO_ROOT } from './built-services.ts';

export { REPO_ROOT } from './built-services.ts';

const PRELOAD = 'apps/cluster/src/exit-with-parent-preload.ts';
const TELEMETRY_REGISTER = 'packages/telemetry/src/register.ts';
const href = (file: string) => pathToFileURL(file).href;

/**
 * Arguments that run an entry point (`apps/guest/src/main.ts`) in a fresh Node process,
 * with two preloads: the telemetry hooks, and the one that drains the process when its
 * supervisor goes away, so a crashed or killed supervisor never leaves orphaned servers
 * holding ports. A built service's hooks are its own artifact's `telemetry-preload.js`: a
 * copy of OpenTelemetry's API from another artifact's node_modules would keep a tracer
 * provider of its own that the service never registers, and trace nothing. From a build
 * (`builtManifest`) the built JavaScript runs on plain Node; otherwise the TypeScript
 * source runs through tsx.
 */
export function nodeArgsFor(entry: string): string[] {
  const manifest = builtManifest();
  const built = manifest?.entries[entry];
  const preload = manifest?.entries[PRELOAD];
  if (built && preload) {
    const hooks = path.join(DIST_DIR, path.dirname(built), 'telemetry-preload.js');
    // commands (migrate) have no hooks of their own: nothing in them serves requests
    const hookArgs = existsSync(hooks) ? ['--import', href(hooks)] : [];
    return [...hookArgs, '--import', href(path.join(DIST_DIR, preload)), path.join(DIST_DIR, built)];
  }
  // resolved here, not by the child: a child started in another working directory could not find tsx
  const tsx = import.meta.resolve('tsx');
  const preloads = [TELEMETRY_REGISTER, PRELOAD].flatMap((file) => ['--import', href(path.join(REPO_ROOT, file))]);
  return ['--import', tsx, ...preloads, fileURLToPath(new URL(entry, `file://${REPO_ROOT}`))];
}
