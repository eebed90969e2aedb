import { isBuiltin } from 'node:module';
import { build, type Metafile, type Plugin } from 'esbuild';
import type { ArtifactEntry } from './artifact-plan.ts';

/** `pg` from `pg/lib/x`, `@aws-sdk/client-s3` from `@aws-sdk/client-s3/dist/y`. */
export const packageNameOf = (specifier: string): string =>
  specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * The repository's own code is bundled; every package from node_modules stays an import,
 * installed beside the bundle. Instrumentation that patches `pg`, `ioredis`, `undici` or
 * `http` through module-load hooks sees them load, and native packages find their binaries.
 */
function keepPackagesExternal(workspace: Set<string>): Plugin {
  return {
    name: 'keep-packages-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (workspace.has(packageNameOf(args.path))) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

export interface BundleResult {
  /** Packages the bundle imports at load time: its production dependencies. */
  dependencies: Set<string>;
  /** Repository files whose code is in the bundle, relative to the root (a file tree-shaken away is not). */
  inputs: Set<string>;
}

/**
 * Bundles the entries into `outDir` as ES modules for Node 20. Dynamic imports of packages
 * (`await import('typescript')` for an optional nicety) are not dependencies: the code
 * making them must work without them, as it does in an artifact.
 */
export async function bundleArtifact(root: string, entries: ArtifactEntry[], outDir: string, workspace: Set<string>): Promise<BundleResult> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries.map((entry) => ({ in: entry.source, out: entry.out })),
    outdir: outDir,
    bundle: true,
    // no shared chunks: code that finds files beside itself (import.meta.url) sits at the artifact's top level
    splitting: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // stack traces and the loggers name functions and classes as in the sources
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [keepPackagesExternal(workspace)],
  });
  return { dependencies: staticPackageImports(result.metafile), inputs: bundledInputs(result.metafile) };
}

function bundledInputs(metafile: Metafile): Set<string> {
  const inputs = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) inputs.add(input);
  }
  return inputs;
}

function staticPackageImports(metafile: Metafile): Set<string> {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.kind === 'dynamic-import' || isBuiltin(imported.path)) continue;
      packages.add(packageNameOf(imported.path));
    }
  }
  return packages;
}
