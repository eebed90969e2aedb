import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtManifest, DIST_DIR, REPO_ROOT } from './built-services.ts';

export { REPO_ROOT } from './built-services.ts';

const PRELOAD = 'apps/cluster/src/exit-with-parent-preload.ts';

/**
 * Arguments that run an entry point (`apps/guest/src/main.ts`) in a fresh Node process,
 * with a preload that drains the process when its supervisor goes away, so a crashed or
 * killed supervisor never leaves orphaned servers holding ports. From a build
 * (`builtManifest`) the built JavaScript runs on plain Node; otherwise the TypeScript
 * source runs through tsx.
 */
export function nodeArgsFor(entry: string): string[] {
  const manifest = builtManifest();
  const built = manifest?.entries[entry];
  const preload = manifest?.entries[PRELOAD];
  if (built && preload) return ['--import', pathToFileURL(path.join(DIST_DIR, preload)).href, path.join(DIST_DIR, built)];
  // resolved here, not by the child: a child started in another working directory could not find tsx
  const tsx = import.meta.resolve('tsx');
  return ['--import', tsx, '--import', pathToFileURL(path.join(REPO_ROOT, PRELOAD)).href, fileURLToPath(new URL(entry, `file://${REPO_ROOT}`))];
}
