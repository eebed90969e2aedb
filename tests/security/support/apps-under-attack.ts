import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { buildFacilityApp } from '@hatago/facility';
import { buildGuestApp } from '@hatago/guest';
import { buildMailerApp } from '@hatago/mailer';
import { buildOperatorApp } from '@hatago/operator';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { cookieFrom, createTestDatabase, type TestDatabase, type TestDatabaseTarget, testAppDeps, testDatabaseTargets } from '@hatago/test-support';

export interface AppsUnderAttack {
  db: TestDatabase;
  guest: HttpApp;
  facility: HttpApp;
  operator: HttpApp;
  mailer: HttpApp;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const DEMO_PASSWORD = 'hatago-demo-pass';

/**
 * Runs `suite` once per database target (embedded PGlite and a PostgreSQL server), with
 * every app built on one fresh seeded database: an attack must fail the same way on both.
 */
export function againstEveryApp(title: string, suite: (apps: () => AppsUnderAttack, target: TestDatabaseTarget) => void): void {
  for (const target of testDatabaseTargets()) {
    describe(`${title} (${target.name})`, () => {
      const state = {} as AppsUnderAttack;
      let exports = '';
      before(async () => {
        state.db = await createTestDatabase(target);
        const deps = testAppDeps(state.db.database);
        exports = await mkdtemp(path.join(tmpdir(), 'hatago-security-'));
        const storage = new LocalStorage({ root: exports, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
        state.guest = await buildGuestApp(deps);
        state.facility = await buildFacilityApp({ ...deps, storage });
        state.operator = await buildOperatorApp({ ...deps, mailTemplates: platformTemplates });
        state.mailer = await buildMailerApp(deps);
      });
      after(async () => {
        await Promise.all([state.guest, state.facility, state.operator, state.mailer].map((app) => app?.close()));
        await state.db?.dispose();
        if (exports) await rm(exports, { recursive: true, force: true });
      });
      suite(() => state, target);
    });
  }
}

/**
 * Where a browser says a same-site post came from. Referer, not Origin: the check before
 * issue 16 compared Origin with the raw Host (`localhost:80` under inject), so using it
 * here would make every attack fail for the wrong reason on the old code.
 */
export const SAME_SITE = { referer: 'http://localhost/' };

/** Signs in through the app's own form, as a browser on the same site would. */
export async function signIn(app: HttpApp, url: string, fields: Record<string, string>): Promise<string> {
  const response = await app.inject({ method: 'POST', url, headers: { ...FORM, ...SAME_SITE }, payload: form(fields) });
  if (response.statusCode !== 303) throw new Error(`sign-in at ${url} answered ${response.statusCode}`);
  return cookieFrom(response.headers['set-cookie']);
}

/** The first hotel's id, for the routes that need one. */
export async function firstHotelId(apps: AppsUnderAttack): Promise<number> {
  const row = await apps.db.database.db.selectFrom('hotels').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Percent-encodes any string, lone surrogates included (as the three bytes a careless
 * client would send for them), which encodeURIComponent refuses to do.
 */
export const urlEncode = (value: string) =>
  value
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part, i) => (i % 2 === 1 ? surrogateBytes(part.charCodeAt(0)) : encodeURIComponent(part)))
    .join('');

const surrogateBytes = (unit: number) =>
  [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
