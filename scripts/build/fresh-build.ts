import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isBuildFresh, readBuildManifest, REPO_ROOT } from '@hatago/cluster';
import { buildArtifacts } from './build-artifacts.ts';

/**
 * A build of the current sources: the repository's dist/ when it is at least as new as
 * every source file (a developer just ran `npm run build`), else a fresh one in a temporary
 * folder (`temporary`: the caller removes its parent), so a test or a benchmark never runs
 * stale artifacts and never writes into the work tree.
 */
export async function builtDist(): Promise<{ distDir: string; temporary: boolean }> {
  const repoDist = path.join(REPO_ROOT, 'dist');
  const manifest = readBuildManifest(repoDist);
  if (manifest && isBuildFresh(REPO_ROOT, manifest)) return { distDir: repoDist, temporary: false };
  const distDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'hatago-build-')), 'dist');
  await buildArtifacts(REPO_ROOT, distDir);
  return { distDir, temporary: true };
}
