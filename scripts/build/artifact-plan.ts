import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One entry point of an artifact: a TypeScript source and the file name it is built to. */
export interface ArtifactEntry {
  /** Relative to the repository root, e.g. `apps/guest/src/main.ts`. */
  source: string;
  /** File name inside the artifact without extension, e.g. `main`. */
  out: string;
}

/** One deployable artifact: `dist/<name>/`, built from its entry points. */
export interface ArtifactPlan {
  name: string;
  entries: ArtifactEntry[];
}

// beside an app's main.ts, files named like these are entry points of its artifact too:
// commands (`cluster:roll`) and preloads the app passes to the processes it starts
const EXTRA_ENTRY = /-(command|preload)\.ts$/;
/**
 * Every app artifact's `telemetry-preload.js` (`node --import`): inside the bundle, main.js's
 * own import of the hooks runs only after its external packages (http's users, ioredis) are
 * loaded, too late to patch them; as a preload it runs first, with the artifact's own copy
 * of OpenTelemetry. `npm run start:built` and the cluster pass it.
 */
export const TELEMETRY_PRELOAD: ArtifactEntry = { source: 'packages/telemetry/src/register.ts', out: 'telemetry-preload' };

// `"migrate": "tsx packages/schema/src/migrate-command.ts"`: a package command the repository runs
const PACKAGE_COMMAND = /^tsx (packages\/[\w-]+\/src\/(?:[\w-]+\/)*[\w-]+-command\.ts)$/;

/**
 * Every artifact, derived from the repository rather than listed: one per app with a
 * `src/main.ts` (a new app is built without touching the build), and one per package command
 * that the root package.json runs as a script (`migrate`, `mail:purge` → `mail-purge`).
 */
export function planArtifacts(root: string): ArtifactPlan[] {
  const repositoryTools = new Set([...workspacePackages(root)].filter(([, p]) => p.repositoryCommands).map(([folder]) => folder));
  const plans: ArtifactPlan[] = [];
  for (const app of readdirSync(path.join(root, 'apps')).sort()) {
    const src = path.join(root, 'apps', app, 'src');
    if (!existsSync(path.join(src, 'main.ts'))) continue;
    const extras = readdirSync(src).filter((file) => EXTRA_ENTRY.test(file)).sort();
    plans.push({
      name: app,
      entries: [...['main.ts', ...extras].map((file) => ({ source: `apps/${app}/src/${file}`, out: path.basename(file, '.ts') })), TELEMETRY_PRELOAD],
    });
  }
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const [script, command] of Object.entries(scripts).sort(([a], [b]) => a.localeCompare(b))) {
    const source = PACKAGE_COMMAND.exec(command)?.[1];
    if (source && !repositoryTools.has(source.split('/').slice(0, 2).join('/'))) plans.push({ name: script.replaceAll(':', '-'), entries: [{ source, out: 'main' }] });
  }
  return plans;
}

/** What a workspace package.json declares for the build (see runtimeFilePath and packageFilePath in @hatago/platform/runtime-files). */
export interface WorkspacePackage {
  name: string;
  /** Repository files its code reads at run time: copied into the artifact at the same relative path. */
  runtimeFiles: string[];
  /** Installed packages its code reads files of without importing them: installed in the artifact. */
  runtimePackages: string[];
  /** Its commands work on the repository itself (`slo:rules` writes deploy/): not built. */
  repositoryCommands: boolean;
}

interface WorkspaceManifest {
  name: string;
  hatago?: { runtimeFiles?: string[]; runtimePackages?: string[]; repositoryCommands?: boolean };
}

/** The repository's own workspace packages (`@hatago/*`, bundled, never installed), by folder (`packages/banners`). */
export function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const folder of ['apps', 'packages']) {
    for (const entry of readdirSync(path.join(root, folder)).sort()) {
      const manifest = path.join(root, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name, hatago } = JSON.parse(readFileSync(manifest, 'utf8')) as WorkspaceManifest;
      packages.set(`${folder}/${entry}`, { name, runtimeFiles: hatago?.runtimeFiles ?? [], runtimePackages: hatago?.runtimePackages ?? [], repositoryCommands: hatago?.repositoryCommands ?? false });
    }
  }
  return packages;
}

/** The names of the workspace packages: the bundler's own, never installed. */
export const workspacePackageNames = (root: string): Set<string> => new Set([...workspacePackages(root).values()].map((p) => p.name));
