/**
 * `npm run operator:create -- --email ops@example.com --role admin [--name "Ops Lead"]`:
 * creates an operator account on DATABASE_URL, e.g. the first admin of a new deployment.
 * The password comes from HATAGO_OPERATOR_PASSWORD or the first line of stdin, never from
 * the arguments, which other users of the machine can read in the process list.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Type } from '@sinclair/typebox';
import { runDatabaseCommand } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';
import { createOperatorAccount } from './operator-accounts.ts';

const USAGE = 'usage: npm run operator:create -- --email <login> --role support|editor|admin [--name <name>]  (password: HATAGO_OPERATOR_PASSWORD or stdin)';

let args: { email?: string; role?: string; name?: string };
try {
  args = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, strict: true }).values;
} catch (error) {
  console.error(`operator:create: ${(error as Error).message}\n${USAGE}`);
  process.exit(64);
}
if (!args.email || !args.role) {
  console.error(USAGE);
  process.exit(64);
}

async function readPassword(): Promise<string> {
  if (process.env.HATAGO_OPERATOR_PASSWORD) return process.env.HATAGO_OPERATOR_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

const password = await readPassword();

await runDatabaseCommand('operator:create', Type.Object({}), async (db) => {
  try {
    const created = await createOperatorAccount(
      db,
      { login: args.email, name: args.name ?? args.email, role: args.role, password },
      // no one is signed in: the audit log names the command, as account #0
      { by: { id: 0, name: 'npm run operator:create' }, requestId: `cli-${process.pid}` },
    );
    console.log(`created operator ${created.login} (${created.role}), account #${created.id}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const field of error.fields) console.error(`${field.field}: ${field.message}`);
    if (error.fields.length === 0) console.error(error.message);
    process.exitCode = 1;
  }
});
