/**
 * `npm run banners:publish -- --base https://hatago.example banners.json [--check]`:
 * publishes a banner document kept in git through the operator API, e.g. from CI. Signs in
 * with HATAGO_API_TOKEN, else with an operator's HATAGO_LOGIN and HATAGO_PASSWORD. A refused
 * document prints every error with its JSON path and exits 1; `--check` only validates.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run banners:publish -- --base <url> <file.json> [--check]   (HATAGO_API_TOKEN, or HATAGO_LOGIN and HATAGO_PASSWORD)';

function fail(message: string, code = 1): never {
  console.error(`banners:publish: ${message}`);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ options: { base: { type: 'string' }, check: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 64);
}
const base = (parsed.values.base ?? process.env.HATAGO_BASE_URL ?? '').replace(/\/+$/, '');
const [file, ...extra] = parsed.positionals;
if (!/^https?:\/\/[^/]+/.test(base) || !file || extra.length > 0) fail(USAGE, 64);
if (!process.env.HATAGO_API_TOKEN && !(process.env.HATAGO_LOGIN && process.env.HATAGO_PASSWORD)) {
  fail(`no credentials: set HATAGO_API_TOKEN, or HATAGO_LOGIN and HATAGO_PASSWORD\n${USAGE}`, 64);
}

/** The headers that authenticate the call: a bearer token, or the session cookie of a fresh sign-in. */
async function credentials(): Promise<Record<string, string>> {
  const token = process.env.HATAGO_API_TOKEN;
  if (token) return { authorization: `Bearer ${token}` };
  const login = process.env.HATAGO_LOGIN!;
  const password = process.env.HATAGO_PASSWORD!;
  const response = await fetch(`${base}/operator/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ login, password, next: '/operator/' }),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('hatago_operator='));
  if (response.status !== 303 || !session) fail(`signing in as ${login} failed (HTTP ${response.status})`);
  // the console refuses cross-site writes: a same-origin Origin says this is no forged form
  return { cookie: session.split(';')[0]!, origin: base };
}

const text = await readFile(file, 'utf8').catch((error: Error) => fail(`cannot read ${file}: ${error.message}`, 66));
const headers = await credentials();
const action = parsed.values.check ? 'check' : 'publish';
const response = await fetch(`${base}/operator/api/banners/${action}`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: text,
});
const answer = (await response.json().catch(() => ({}))) as { version?: number; banners?: number; detail?: string; errors?: Array<{ field: string; message: string }> };
if (response.ok) {
  console.log(action === 'check' ? `${file}: valid (${answer.banners} banners)` : `${file}: published as version ${answer.version}`);
} else if (answer.errors?.length) {
  console.error(`${file}: refused, ${answer.errors.length} error(s), nothing published:`);
  for (const error of answer.errors) console.error(`  ${error.field}: ${error.message}`);
  process.exitCode = 1;
} else {
  fail(`${action} refused (HTTP ${response.status}): ${answer.detail ?? response.statusText}`);
}
