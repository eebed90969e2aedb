import { cp, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface PackageManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): PackageManifest => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;

/** Node's own look-up: `node_modules/<name>` in `from` and each folder above it, up to `root`. */
function resolvePackageDir(root: string, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || !dir.startsWith(root)) return undefined;
  }
}

/**
 * The installed packages `names` need at run time, found the way Node finds them from the
 * root's node_modules (nested copies included): dependencies, optional dependencies that
 * are installed (a platform's native binary), and peers. A required one missing is an error.
 * Returns folders relative to `root`, and the exact versions of the direct dependencies.
 */
export function dependencyClosure(root: string, names: Iterable<string>): { folders: string[]; direct: Record<string, string> } {
  const folders = new Set<string>();
  const direct: Record<string, string> = {};
  const visit = (from: string, name: string, required: boolean, isDirect: boolean) => {
    const dir = resolvePackageDir(root, from, name);
    if (!dir) {
      if (required) throw new Error(`production dependency ${name} (needed from ${path.relative(root, from) || '.'}) is not installed: run npm ci`);
      return;
    }
    const manifest = readManifest(dir);
    if (isDirect) direct[name] = manifest.version;
    const relative = path.relative(root, dir);
    if (folders.has(relative)) return;
    folders.add(relative);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dir, dependency, true, false);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, dependency, false, false);
    for (const [peer] of Object.entries(manifest.peerDependencies ?? {})) visit(dir, peer, !manifest.peerDependenciesMeta?.[peer]?.optional, false);
  };
  for (const name of [...names].sort()) visit(root, name, true, true);
  return { folders: [...folders].sort(), direct: Object.fromEntries(Object.entries(direct).sort(([a], [b]) => a.localeCompare(b))) };
}

// type declarations are never loaded, and a dependency's source maps are read only under
// --enable-source-maps, which no service uses: together they were half of the edge artifact
const NOT_RUN = /\.d\.[cm]?ts$|\.map$/;

/**
 * Copies each folder of the closure to the same place under `outDir`, so the artifact's
 * node_modules is the root's pruned to what it needs: the lockfile's exact versions, no
 * network and no install scripts. A package's own nested node_modules is copied only where
 * the closure names it; files Node never runs are left out.
 */
export async function copyClosure(root: string, folders: string[], outDir: string): Promise<void> {
  for (const folder of folders) {
    const from = path.join(root, folder);
    const nested = path.join(from, 'node_modules');
    await mkdir(path.dirname(path.join(outDir, folder)), { recursive: true });
    await cp(from, path.join(outDir, folder), {
      recursive: true,
      dereference: true,
      filter: (source) => source !== nested && !NOT_RUN.test(source),
    });
  }
}
