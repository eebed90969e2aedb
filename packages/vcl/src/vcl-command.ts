/**
 * `npm run edge:vcl -- --instances '<EDGE_BACKENDS JSON>' [--out edge.vcl]`: compiles the
 * edge rules (config/edge.ts, or --rules) to VCL 4.1 on stdout or into --out. Notes on
 * where Varnish differs slightly and the varnishd parameters the rules need go to stderr;
 * rules VCL cannot express stop it with one line per rule.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultRulesFile, EdgeRulesError, loadEdgeRules } from '@hatago/edge-rules';
import { compileVcl, VclRefusedError } from './compile-vcl.ts';
import type { BackendInstances } from './vcl-options.ts';

function parseInstances(json: string | undefined): BackendInstances {
  if (!json) throw new UsageError('--instances is required: the EDGE_BACKENDS JSON, e.g. {"guest":["http://127.0.0.1:3001"]}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--instances is not JSON: ${(error as Error).message}`);
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((list) => Array.isArray(list) && list.every((url) => typeof url === 'string'));
  if (!valid) throw new UsageError('--instances must map each backend name to an array of URLs');
  return parsed as BackendInstances;
}

class UsageError extends Error {}

async function main() {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string' },
      out: { type: 'string' },
      rules: { type: 'string', default: defaultRulesFile() },
      'least-connections-as': { type: 'string' },
      'purge-acl': { type: 'string' },
      'admin-token-env': { type: 'string' },
    },
  });
  const leastConnectionsAs = values['least-connections-as'];
  if (leastConnectionsAs !== undefined && leastConnectionsAs !== 'round-robin' && leastConnectionsAs !== 'random') {
    throw new UsageError('--least-connections-as is round-robin or random');
  }
  const rules = await loadEdgeRules(values.rules!);
  const compiled = compileVcl(rules, parseInstances(values.instances), {
    ...(leastConnectionsAs ? { leastConnectionsAs } : {}),
    ...(values['purge-acl'] ? { purgeAcl: values['purge-acl'].split(',').map((entry) => entry.trim()) } : {}),
    ...(values['admin-token-env'] ? { adminTokenEnv: values['admin-token-env'] } : {}),
  });
  if (values.out) writeFileSync(values.out, compiled.vcl);
  else process.stdout.write(compiled.vcl);
  const params = Object.entries(compiled.params).map(([name, value]) => `-p ${name}=${value}`);
  process.stderr.write(`edge:vcl: start varnishd with ${params.join(' ')}\n`);
  for (const note of compiled.notes) process.stderr.write(`edge:vcl: note: ${note}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof VclRefusedError || error instanceof EdgeRulesError || error instanceof UsageError) {
    process.stderr.write(`edge:vcl: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
