import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('operator console incidents', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let support: string;
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, cookie: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie, origin: 'http://localhost' }, payload: new URLSearchParams(fields).toString() });
  const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from incidents`.execute(db.database.db)).rows[0]!.n);

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, days: 7 } });
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    support = await staffSessionCookie(app, '/operator', 'support');
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('opens an incident from an alert, adds to its timeline, resolves it, and shows it in the half-year report', async () => {
    const since = Date.parse('2026-11-02T03:06:00Z');
    const form = await get(`/operator/incidents/new?alert=SloErrorBudgetBurnFast/booking-availability&since=${since}`, support);
    assert.match(form.body, /value="2026-11-02T03:06:00.000Z"/);
    assert.match(form.body, /From alert <code>SloErrorBudgetBurnFast\/booking-availability<\/code>/);
    const opened = await post('/operator/incidents', support, { title: 'Bookings failing', severity: 'sev1', cause: 'infrastructure', alert: 'SloErrorBudgetBurnFast/booking-availability', startedAt: '2026-11-02T03:06:00Z' });
    assert.equal(opened.statusCode, 303);
    const page = opened.headers.location!;
    assert.equal((await post(`${page}/notes`, support, { entry: 'Failover started' })).statusCode, 303);
    assert.equal((await post(`${page}/resolve`, support, { resolution: 'Primary back' })).statusCode, 303);
    const html = (await get(page, support)).body;
    assert.match(html, /Opened from alert SloErrorBudgetBurnFast\/booking-availability/);
    assert.match(html, /Failover started/);
    assert.match(html, /Resolved: Primary back/);
    const list = (await get('/operator/incidents', support)).body;
    assert.match(list, /<td>2026 H2<\/td><td>1<\/td><td>1<\/td>/, 'one incident, infrastructure-caused');
    const actions = (await listAudit(db.database.db, { targetType: 'incident', page: 1, pageSize: 10 })).map((a) => a.action);
    assert.deepEqual(actions.sort(), ['incident.note', 'incident.open', 'incident.resolve']);
  });

  it('renders a postmortem with injected markup inert', async () => {
    const opened = await post('/operator/incidents', support, { title: 'Edge stale', severity: 'sev3' });
    const page = opened.headers.location!;
    await post(`${page}/postmortem`, support, { postmortem: '## Impact\n\n<script>document.title="owned"</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(2)>' });
    const html = (await get(page, support)).body;
    assert.match(html, /<h2>Impact<\/h2>/);
    const postmortem = html.slice(html.indexOf('<div class="postmortem">'), html.indexOf('</div>', html.indexOf('<div class="postmortem">')));
    assert.doesNotMatch(postmortem, /<script|<img|href="javascript:/);
    assert.match(postmortem, /&lt;script&gt;/);
  });

  it('answers a bad form with 422 and its field errors, writing nothing', async () => {
    const before = await count();
    const res = await post('/operator/incidents', support, { title: '', severity: 'sev9', startedAt: 'yesterday' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /field-error/);
    assert.equal(await count(), before);
  });
});
