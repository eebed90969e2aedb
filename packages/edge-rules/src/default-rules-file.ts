import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the edge reads its rules unless told otherwise. A built artifact carries them
 * compiled to JavaScript beside its entry point (`dist/edge/config/edge.js`, and this code
 * is bundled into `dist/edge/main.js`); from the sources it is the repository's
 * `config/edge.ts`.
 */
export function defaultRulesFile(): string {
  const built = fileURLToPath(new URL('./config/edge.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('../../../config/edge.ts', import.meta.url));
}
