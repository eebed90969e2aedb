import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ArtifactPlan, planArtifacts, type WorkspacePackage, workspacePackages } from './artifact-plan.ts';
import { bundleArtifact } from './bundle-artifact.ts';
import { RULES_LOADER, writeEdgeFiles } from './edge-files.ts';
import { copyClosure, dependencyClosure } from './production-dependencies.ts';

/** Written last into the dist folder: which built file runs each source entry point, and when it was built. */
export const BUILD_MANIFEST = 'build-manifest.json';

export interface BuildManifest {
  builtAt: string;
  /** `apps/guest/src/main.ts` → `guest/main.js` (relative to the dist folder). */
  entries: Record<string, string>;
}

/**
 * The workspace packages whose code is in the bundle give it their declared run-time files
 * (copied at their repository path) and packages (added to the imported ones).
 */
async function addRuntimeDeclarations(root: string, outDir: string, inputs: Set<string>, packages: Map<string, WorkspacePackage>, dependencies: Set<string>): Promise<void> {
  const bundled = new Set([...inputs].map((input) => input.split('/').slice(0, 2).join('/')));
  for (const [folder, { runtimeFiles, runtimePackages }] of packages) {
    if (!bundled.has(folder)) continue;
    for (const file of runtimeFiles) await cp(path.join(root, file), path.join(outDir, file));
    for (const name of runtimePackages) dependencies.add(name);
  }
}

async function buildOne(root: string, plan: ArtifactPlan, distDir: string, packages: Map<string, WorkspacePackage>): Promise<void> {
  const outDir = path.join(distDir, plan.name);
  const workspace = new Set([...packages.values()].map((p) => p.name));
  const { dependencies, inputs } = await bundleArtifact(root, plan.entries, outDir, workspace);
  if (inputs.has(RULES_LOADER)) await writeEdgeFiles(root, outDir, workspace);
  await addRuntimeDeclarations(root, outDir, inputs, packages, dependencies);
  const closure = dependencyClosure(root, dependencies);
  await copyClosure(root, closure.folders, outDir);
  const manifest = {
    name: `hatago-${plan.name}`,
    private: true,
    type: 'module',
    description: `Hatago ${plan.name}, built by npm run build: node ${plan.entries[0]!.out}.js`,
    engines: { node: '>=20.18' },
    dependencies: closure.direct,
  };
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Builds every artifact of the repository at `root` into `distDir` (emptied first) and
 * writes the manifest the cluster reads to launch built services.
 */
export async function buildArtifacts(root: string, distDir: string): Promise<BuildManifest> {
  const builtAt = new Date().toISOString();
  const plans = planArtifacts(root);
  const packages = workspacePackages(root);
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  await Promise.all(plans.map((plan) => buildOne(root, plan, distDir, packages)));
  const entries = Object.fromEntries(plans.flatMap((plan) => plan.entries.map((entry) => [entry.source, `${plan.name}/${entry.out}.js`])));
  const manifest: BuildManifest = { builtAt, entries };
  await writeFile(path.join(distDir, BUILD_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
