import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// this module runs from its TypeScript source, or bundled into dist/cluster/*.js by `npm run build`
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The repository root (the folder holding dist/ when built): instances run from it. */
export const REPO_ROOT = fileURLToPath(new URL(FROM_SOURCE ? '../../../' : '../../', import.meta.url));

/** The built artifacts: dist/ beside the sources, or the folder this built supervisor is part of. */
export const DIST_DIR = FROM_SOURCE ? path.join(REPO_ROOT, 'dist') : fileURLToPath(new URL('../', import.meta.url));

/** What `npm run build` writes last into dist/ (scripts/build/build-artifacts.ts). */
export interface BuildManifest {
  builtAt: string;
  /** Source entry point → built file, relative to the dist folder. */
  entries: Record<string, string>;
}

export function readBuildManifest(distDir: string): BuildManifest | undefined {
  const file = path.join(distDir, 'build-manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildManifest) : undefined;
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A build newer than every file under apps/, packages/ and config/: it runs the code the sources hold. */
export function isBuildFresh(root: string, manifest: BuildManifest): boolean {
  const sources = Math.max(...['apps', 'packages', 'config'].map((dir) => newestChange(path.join(root, dir))));
  return Date.parse(manifest.builtAt) >= sources;
}

/**
 * Whether processes the cluster starts run built JavaScript or TypeScript sources:
 * HATAGO_SERVICES=built or source decides; unset, a built supervisor runs built services
 * and one running from the sources runs built ones only when dist/ holds a build at least
 * as new as the sources (a stale build would run yesterday's code).
 */
export function builtManifest(environment: NodeJS.ProcessEnv = process.env): BuildManifest | undefined {
  const wanted = environment.HATAGO_SERVICES;
  if (wanted === 'source') return undefined;
  const manifest = readBuildManifest(DIST_DIR);
  if (wanted === 'built' && !manifest) throw new Error(`HATAGO_SERVICES=built: no build in ${DIST_DIR} (run npm run build)`);
  if (!manifest) return undefined;
  return wanted === 'built' || !FROM_SOURCE || isBuildFresh(REPO_ROOT, manifest) ? manifest : undefined;
}
