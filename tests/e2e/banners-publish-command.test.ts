import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { liveVersion } from '@hatago/banners';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { createApiToken } from '@hatago/identity';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COMMAND = path.join(ROOT, 'apps/operator/src/cli/banners-publish-command.ts');

const hero = (caption: string) => ({
  id: 'hero',
  slot: 'home-hero',
  image: 'https://images.example/hero.jpg',
  link: '/',
  alt: { ja: caption, en: caption },
  caption: { ja: caption, en: caption },
  start: '2026-01-01T00:00:00+09:00',
  end: '2030-01-01T00:00:00+09:00',
  priority: 1,
});

/** npm run banners:publish against a running platform, through its edge, as CI would run it. */
describe('npm run banners:publish', { timeout: 180_000 }, () => {
  let platform: EmbeddedPlatform;
  let dir: string;
  let token: string;

  const run = async (args: string[], env: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HATAGO_')));
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', COMMAND, ...args], { env: { ...clean, ...env }, cwd: ROOT });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const file = async (name: string, content: string) => {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  };

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hatago-banners-cli-'));
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 2 }, logLevel: 'silent' });
    ({ token } = await createApiToken(platform.database.db, { name: 'design-ci', role: 'editor' }, { by: { id: 2, name: 'Demo Admin' }, requestId: 'cli-test' }));
  });
  after(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a file with an API token, byte for byte, and the guest site shows it', async () => {
    const text = `${JSON.stringify({ banners: [hero('From git')] }, null, 2)}\n`;
    const result = await run(['--base', platform.url, await file('ok.json', text)], { HATAGO_API_TOKEN: token });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /published as version \d+/);
    assert.equal((await liveVersion(platform.database.db))!.text, text);
    assert.match(await (await fetch(`${platform.url}/?lang=en`)).text(), /<span class="caption">From git<\/span>/);
  });

  it('publishes with an operator login too, and refuses a support login', async () => {
    const doc = await file('login.json', JSON.stringify({ banners: [hero('By login')] }));
    const editor = await run(['--base', platform.url, doc], { HATAGO_LOGIN: 'editor', HATAGO_PASSWORD: 'hatago-demo-pass' });
    assert.equal(editor.code, 0, editor.stderr);
    const support = await run(['--base', platform.url, doc], { HATAGO_LOGIN: 'support', HATAGO_PASSWORD: 'hatago-demo-pass' });
    assert.equal(support.code, 1);
    assert.match(support.stderr, /HTTP 403/);
    const wrong = await run(['--base', platform.url, doc], { HATAGO_LOGIN: 'editor', HATAGO_PASSWORD: 'not-the-password' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /signing in as editor failed/);
  });

  it('exits non-zero on a refused document, printing every error with its path, and publishes nothing', async () => {
    const before = (await liveVersion(platform.database.db))!.version;
    const bad = { banners: [{ ...hero('x'), slot: 'footer', priority: 'high' }, { ...hero('y'), end: '2025-01-01T00:00:00+09:00' }] };
    const result = await run(['--base', platform.url, await file('bad.json', JSON.stringify(bad))], { HATAGO_API_TOKEN: token });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /refused, 4 error\(s\), nothing published/);
    for (const line of ['$.banners[0].slot: must be one of', '$.banners[0].priority: must be integer', '$.banners[1].id: repeats the id of $.banners[0]', '$.banners[1].end: must be after start']) {
      assert.ok(result.stderr.includes(line), line);
    }
    assert.equal((await liveVersion(platform.database.db))!.version, before);
    const check = await run(['--base', platform.url, '--check', await file('check.json', JSON.stringify({ banners: [hero('z')] }))], { HATAGO_API_TOKEN: token });
    assert.match(check.stdout, /valid \(1 banners\)/);
    assert.equal((await liveVersion(platform.database.db))!.version, before, '--check publishes nothing');
    assert.equal((await run(['--base', platform.url, 'x.json'], {})).code, 64, 'no credentials');
  });
});
