/**
 * `npm run deploy:vcl`: writes the edge rules compiled to VCL for the deployed layout
 * (deploy/edge-vcl-options.json) into deploy/kubernetes/base/varnish/edge.vcl, where the varnish-vcl ConfigMap
 * is generated from. tests/deploy/kubernetes.test.ts fails while the file is not current.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDeployedVcl } from '../build/edge-files.ts';


const root = fileURLToPath(new URL('../../', import.meta.url));
const target = 'deploy/kubernetes/base/varnish/edge.vcl';
await writeFile(path.join(root, target), await compileDeployedVcl(root));
console.log(`wrote ${target}`);
