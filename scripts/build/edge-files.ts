import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEdgeRules } from '@hatago/edge-rules';
import { type BackendInstances, compileVcl, type VclOptions } from '@hatago/vcl';
import { bundleArtifact } from './bundle-artifact.ts';

/** Where the deployed edge finds the apps (Kubernetes Service names), and the VCL's options. */
export const VCL_OPTIONS_FILE = 'deploy/edge-vcl-options.json';

/** The rules loader: an artifact that bundles it reads rules at run time and gets them in its folder. */
export const RULES_LOADER = 'packages/edge-rules/src/load-rules.ts';

/** The edge rules compiled to VCL for the deployed layout, as `npm run edge:vcl` does. */
export async function compileDeployedVcl(root: string): Promise<string> {
  const { instances, ...options } = JSON.parse(await readFile(path.join(root, VCL_OPTIONS_FILE), 'utf8')) as VclOptions & { instances: BackendInstances };
  const rules = await loadEdgeRules(path.join(root, 'config/edge.ts'));
  return compileVcl(rules, instances, options).vcl;
}

/**
 * `config/edge.js` (the rules, compiled with their validator so they load without
 * TypeScript; SIGHUP reloads an edited copy) and `edge.vcl` (the same rules for Varnish).
 */
export async function writeEdgeFiles(root: string, outDir: string, workspace: Set<string>): Promise<void> {
  await bundleArtifact(root, [{ source: 'config/edge.ts', out: 'config/edge' }], outDir, workspace);
  await writeFile(path.join(outDir, 'edge.vcl'), await compileDeployedVcl(root));
}
