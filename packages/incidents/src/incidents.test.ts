import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { addTimelineEntry, classifyIncident, getIncident, halfYearReport, listIncidents, openIncident, renderPostmortem, resolveIncident, savePostmortem } from './index.ts';

const actor = { id: 7, name: 'Admin', requestId: 'req-1' };
const minutes = (n: number) => n * 60_000;

for (const target of testDatabaseTargets()) {
  describe(`incidents on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    it('opens from an alert, takes notes and a cause, resolves, and audits every change', async () => {
      const detected = new Date('2026-11-02T03:10:00Z');
      const id = await openIncident(
        db.database.db,
        actor,
        { title: 'Bookings failing', severity: 'sev1', alert: 'SloErrorBudgetBurnFast/booking-availability', startedAt: new Date(detected.getTime() - minutes(4)), detectedAt: detected },
        new Date('2026-11-02T03:11:00Z'),
      );
      await addTimelineEntry(db.database.db, actor, id, 'Reservations table missing on the primary');
      await classifyIncident(db.database.db, actor, id, { severity: 'sev1', cause: 'infrastructure' });
      await resolveIncident(db.database.db, actor, id, { resolution: 'Table restored' }, new Date(detected.getTime() + minutes(26)));
      const { incident, timeline } = await getIncident(db.database.db, id);
      assert.deepEqual([incident.status, incident.cause, incident.alert], ['resolved', 'infrastructure', 'SloErrorBudgetBurnFast/booking-availability']);
      assert.deepEqual(timeline.map((t) => t.entry), [
        'Opened from alert SloErrorBudgetBurnFast/booking-availability',
        'Reservations table missing on the primary',
        'Severity sev1, cause infrastructure',
        'Resolved: Table restored',
      ]);
      const audit = await listAudit(db.database.db, { targetType: 'incident', targetId: String(id), page: 1, pageSize: 50 });
      assert.deepEqual(audit.map((a) => a.action).sort(), ['incident.classify', 'incident.note', 'incident.open', 'incident.resolve']);

      // resolved: no more notes, but the postmortem is written afterwards
      await assert.rejects(addTimelineEntry(db.database.db, actor, id, 'late'), (e: DomainError) => e.code === 'INCIDENT_RESOLVED');
      await savePostmortem(db.database.db, actor, id, '# What happened\n\nA migration dropped a table.');
      assert.match((await getIncident(db.database.db, id)).incident.postmortem, /^# What happened/);
    });

    it('refuses a bad form and writes nothing', async () => {
      const before = (await listIncidents(db.database.db)).length;
      await assert.rejects(
        openIncident(db.database.db, actor, { title: ' ', severity: 'sev9', cause: 'aliens', startedAt: new Date('2026-11-02T04:00:00Z'), detectedAt: new Date('2026-11-02T03:00:00Z') }),
        (e: DomainError) => e.code === 'INVALID_INCIDENT' && ['title', 'severity', 'cause', 'startedAt'].every((f) => e.fields!.some((x) => x.field === f)),
      );
      await assert.rejects(getIncident(db.database.db, 999_999), (e: DomainError) => e.code === 'INCIDENT_NOT_FOUND');
      assert.equal((await listIncidents(db.database.db)).length, before);
    });

    it('reports each half year: total, infrastructure-caused, median time to detect and to resolve', async () => {
      const open = async (iso: string, detectAfter: number, resolveAfter: number, cause: string) => {
        const started = new Date(iso);
        const id = await openIncident(db.database.db, actor, { title: `at ${iso}`, severity: 'sev2', cause, startedAt: started, detectedAt: new Date(started.getTime() + minutes(detectAfter)) });
        await resolveIncident(db.database.db, actor, id, { resolution: 'fixed' }, new Date(started.getTime() + minutes(detectAfter + resolveAfter)));
      };
      await open('2025-03-01T00:00:00Z', 10, 60, 'infrastructure');
      await open('2025-05-01T00:00:00Z', 20, 30, 'product');
      await open('2025-06-10T00:00:00Z', 30, 90, 'infrastructure');
      // 2025-06-30 16:00 UTC is July 1st in Tokyo: the second half
      await open('2025-06-30T16:00:00Z', 2, 8, 'external');
      const report = await halfYearReport(db.database.db);
      const h1 = report.find((r) => r.period === '2025 H1')!;
      assert.deepEqual([h1.total, h1.infrastructure, h1.product, h1.medianMinutesToDetect, h1.medianMinutesToResolve], [3, 2, 1, 20, 60]);
      const h2 = report.find((r) => r.period === '2025 H2')!;
      assert.deepEqual([h2.total, h2.infrastructure, h2.external], [1, 0, 1]);
      assert.equal(report[0]!.period, '2026 H2', 'newest first');
    });
  });
}

describe('postmortem Markdown', () => {
  it('renders Markdown and leaves injected HTML and script URLs inert', () => {
    const rendered = renderPostmortem(
      [
        '## Timeline',
        '- **03:10** page',
        '<script>alert(1)</script>',
        '<img src=x onerror="alert(2)">',
        '[click](javascript:alert(3))',
        '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)',
        '<a href="https://evil.example" onclick="alert(5)">x</a>',
      ].join('\n\n'),
    );
    assert.match(rendered, /<h2>Timeline<\/h2>/);
    assert.match(rendered, /<strong>03:10<\/strong>/);
    assert.doesNotMatch(rendered, /<script|<img|href="javascript:|href="data:/i);
    assert.doesNotMatch(rendered, /<[a-z][^>]*\son\w+=/i, 'no element carries an event handler');
    assert.match(rendered, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
