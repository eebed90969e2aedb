import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

/**
 * Runs a built command (`dist/operator-create/main.js`) on plain Node and resolves with its
 * exit code and output, so a test uses the artifact the way an operator does.
 */
export async function runBuiltCommand(distDir: string, artifact: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(distDir, artifact, 'main.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** Signs in to the operator console with a login and password; returns the session cookie. */
export async function signInOperator(baseUrl: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/operator/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ login, password, next: '/operator/' }),
  });
  if (response.status !== 303) throw new Error(`sign-in as ${login} answered ${response.status}: ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}
