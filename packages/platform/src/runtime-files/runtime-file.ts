import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// from the sources this module is packages/platform/src/runtime-files/runtime-file.ts; in an
// artifact it is bundled into dist/<artifact>/<entry>.js (no shared chunks), the folder the
// build copies declared files into
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const BASE = new URL(FROM_SOURCE ? '../../../../' : './', import.meta.url);
const require = createRequire(import.meta.url);

/**
 * The path of a repository file that code reads at run time (`packages/banners/schema/x.json`,
 * relative to the repository root). Its package declares it in package.json's
 * `hatago.runtimeFiles`, and the build copies it to the same relative path in every artifact
 * that bundles the package: from the sources and from dist/ alike the path exists.
 */
export const runtimeFilePath = (repoPath: string): string => fileURLToPath(new URL(repoPath, BASE));

/**
 * The path of a file inside an installed package (`uplot/dist/uPlot.min.css`). No import
 * names the package, so its user declares it in `hatago.runtimePackages` and the build
 * installs it in the artifact like an imported one.
 */
export const packageFilePath = (specifier: string): string => require.resolve(specifier);
