import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { resetMail, testTemplates } from '../testing/test-templates.ts';
import { parseMailHistoryFilter } from './history-filter.ts';
import { getMailMessage } from './message-detail.ts';
import { discardMessage, retryMessage } from './operator-actions.ts';
import { searchMailHistory } from './search-history.ts';
import { getSinkMessage, listSinkMessages, MAILBOX_PAGE_SIZE } from './sink-mailbox.ts';

const OPERATOR = { operator: { id: 7, name: 'Demo Support' }, requestId: 'req-history-test' };

for (const target of testDatabaseTargets()) {
  describe(`mail history (${target.name})`, () => {
    let db: TestDatabase;

    /** A message as the history holds it, with a chosen creation time (UTC). */
    const message = async (fields: { recipient: string; status?: string; category?: string; reference?: string; createdAt: string; template?: string }) => {
      const { rows } = await sql<{ id: number }>`
        insert into mail_messages (template, recipient, locale, params, category, idempotency_key, reference, status, created_at, subject, body_html, body_text, attempts, last_error)
        values (${fields.template ?? 'reservation-confirmation'}, ${fields.recipient}, 'en', '{}', ${fields.category ?? 'reservation'},
                ${`history-${Math.random()}`}, ${fields.reference ?? null}, ${fields.status ?? 'delivered'}, ${fields.createdAt},
                'Your stay', '<p>Hello</p>', 'Hello', 5, ${fields.status === 'dead' ? '503 from provider' : null})
        returning id`.execute(db.database.db);
      return Number(rows[0]!.id);
    };
    const search = async (query: Record<string, string>) => {
      const parsed = parseMailHistoryFilter(query);
      assert.ok(parsed.filter, JSON.stringify(parsed.errors));
      return searchMailHistory(db.database.db, parsed.filter);
    };
    const idsOf = (page: { items: Array<{ id: number }> }) => page.items.map((i) => i.id);
    const ids: Record<string, number> = {};

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      ids.old = await message({ recipient: 'Guest@Example.com', reference: 'HT0000001', createdAt: '2026-10-01T03:00:00Z' });
      ids.tokyoMidnight = await message({ recipient: 'other@example.com', category: 'member', template: 'member-welcome', createdAt: '2026-10-31T15:30:00Z' });
      ids.dead = await message({ recipient: 'guest@example.com', status: 'dead', reference: 'HT0000002', createdAt: '2026-11-02T03:00:00Z' });
      ids.failed = await message({ recipient: 'third@example.com', status: 'failed', createdAt: '2026-11-03T03:00:00Z' });
      // 120 messages in one transaction share one created_at: the keyset must still page them exactly
      await db.database.db.transaction().execute(async (trx) => {
        await sql`
          insert into mail_messages (template, recipient, locale, params, category, idempotency_key, status)
          select 'reservation-confirmation', 'bulk@example.com', 'ja', '{}', 'bulk', 'bulk-' || n, 'sent' from generate_series(1, 120) n`.execute(trx);
      });
    });
    after(() => db.dispose());

    it('finds messages by recipient in any case, reference, category, status and Tokyo date range', async () => {
      assert.deepEqual(idsOf(await search({ recipient: 'GUEST@example.COM' })), [ids.dead, ids.old]);
      assert.deepEqual(idsOf(await search({ reference: 'HT0000001' })), [ids.old]);
      assert.deepEqual(idsOf(await search({ category: 'member' })), [ids.tokyoMidnight]);
      assert.deepEqual(idsOf(await search({ status: 'dead' })), [ids.dead]);
      assert.deepEqual(idsOf(await search({ recipient: 'guest@example.com', status: 'delivered' })), [ids.old]);
      // 2026-10-31T15:30Z is 2026-11-01 00:30 in Tokyo
      assert.deepEqual(idsOf(await search({ from: '2026-11-01', to: '2026-11-02' })), [ids.dead, ids.tokyoMidnight]);
      assert.deepEqual(idsOf(await search({ to: '2026-10-31' })), [ids.old]);
      assert.deepEqual(idsOf(await search({ recipient: 'nobody@example.com' })), []);
    });

    it('pages newest first by keyset, 50 at a time, without skipping or repeating rows that share a timestamp', async () => {
      const seen: number[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await search({ category: 'bulk', ...(after ? { after } : {}) });
        assert.ok(page.items.length <= 50);
        seen.push(...idsOf(page));
        after = page.nextAfter === null ? undefined : String(page.nextAfter);
        pages += 1;
      } while (after);
      assert.equal(pages, 3);
      assert.equal(seen.length, 120);
      assert.equal(new Set(seen).size, 120);
      assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
      const all = await search({});
      assert.equal(all.items.length, 50);
      assert.equal(all.items[0]!.category, 'bulk', 'newest first');
    });

    it('refuses bad filters field by field', () => {
      const fieldsOf = (query: Record<string, unknown>) => parseMailHistoryFilter(query).errors?.map((e) => e.field) ?? [];
      assert.deepEqual(fieldsOf({ recipient: 'guest' }), ['recipient']);
      assert.deepEqual(fieldsOf({ status: 'lost' }), ['status']);
      assert.deepEqual(fieldsOf({ from: '2026-02-30', to: 'soon' }), ['from', 'to']);
      assert.deepEqual(fieldsOf({ from: '2026-11-02', to: '2026-11-01' }), ['to']);
      assert.deepEqual(fieldsOf({ after: '-1' }), ['after']);
      assert.deepEqual(fieldsOf({ reference: ['a', 'b'] }), ['reference']);
      assert.deepEqual(fieldsOf({ category: 'x\u0000' }), ['category']);
    });

    it('shows one message with its body and timeline in order', async () => {
      await sql`insert into mail_events (message_id, type, source, occurred_at, detail) values
        (${ids.dead}, 'attempt_failed', 'worker', '2026-11-02T03:00:05Z', '503 from provider'),
        (${ids.dead}, 'claimed', 'worker', '2026-11-02T03:00:01Z', null)`.execute(db.database.db);
      const detail = await getMailMessage(db.database.db, ids.dead!, testTemplates);
      assert.equal(detail.status, 'dead');
      assert.equal(detail.bodyHtml, '<p>Hello</p>');
      assert.equal(detail.lastError, '503 from provider');
      assert.deepEqual(detail.timeline.map((e) => e.type), ['claimed', 'attempt_failed']);
      await assert.rejects(getMailMessage(db.database.db, 987654, testTemplates), (e: DomainError) => e.kind === 'not_found');
    });

    it('withholds the body of a password reset mail: its link would sign the reader in', async () => {
      const id = await message({ recipient: 'reset@example.com', template: resetMail.name, category: 'secret', createdAt: '2026-11-04T03:00:00Z' });
      const detail = await getMailMessage(db.database.db, id, testTemplates);
      assert.equal(detail.bodyWithheld, true);
      assert.equal(detail.bodyHtml, null);
      assert.equal(detail.bodyText, null);
      assert.equal(detail.subject, 'Your stay', 'the subject and the rest stay visible');
      assert.equal((await getMailMessage(db.database.db, ids.old!, testTemplates)).bodyWithheld, false);
    });

    it('retries a dead message with a fresh budget and discards a failed one, each audited with its timeline entry', async () => {
      await retryMessage(db.database.db, ids.dead!, OPERATOR);
      const retried = await getMailMessage(db.database.db, ids.dead!, testTemplates);
      assert.equal(retried.status, 'queued');
      assert.equal(retried.attempts, 0);
      assert.equal(retried.timeline.at(-1)!.type, 'retried');
      assert.equal(retried.timeline.at(-1)!.source, 'operator');
      await discardMessage(db.database.db, ids.failed!, OPERATOR);
      assert.equal((await getMailMessage(db.database.db, ids.failed!, testTemplates)).status, 'discarded');
      const audits = await listAudit(db.database.db, { targetType: 'mail_message', page: 1, pageSize: 10 });
      assert.deepEqual(
        audits.map((a) => [a.action, a.target.id, a.detail!.status]),
        [
          ['mail.discard', String(ids.failed), 'failed'],
          ['mail.retry', String(ids.dead), 'dead'],
        ],
      );
    });

    it('refuses to retry or discard a message that is not dead or failed, changing nothing', async () => {
      const before = await getMailMessage(db.database.db, ids.old!, testTemplates);
      await assert.rejects(retryMessage(db.database.db, ids.old!, OPERATOR), (e: DomainError) => e.code === 'MAIL_NOT_ACTIONABLE');
      await assert.rejects(discardMessage(db.database.db, ids.dead!, OPERATOR), (e: DomainError) => e.code === 'MAIL_NOT_ACTIONABLE', 'queued again now');
      await assert.rejects(retryMessage(db.database.db, 987654, OPERATOR), (e: DomainError) => e.kind === 'not_found');
      assert.deepEqual(await getMailMessage(db.database.db, ids.old!, testTemplates), before);
      assert.equal((await listAudit(db.database.db, { targetType: 'mail_message', page: 1, pageSize: 10 })).length, 2);
    });

    it('lists the dev mailbox newest first in pages and opens one message with its headers', async () => {
      await sql`
        insert into mail_sink_messages (message_id, sender, recipient, subject, body_html, body_text, headers)
        select ${ids.old}, 'hatago@example.com', 'guest@example.com', 'Mail ' || n, '<p>n</p>', 'text ' || n, '{"X-Hatago-Category":"reservation"}'
        from generate_series(1, ${MAILBOX_PAGE_SIZE + 3}) n`.execute(db.database.db);
      const first = await listSinkMessages(db.database.db, {});
      assert.equal(first.items.length, MAILBOX_PAGE_SIZE);
      assert.equal(first.items[0]!.subject, `Mail ${MAILBOX_PAGE_SIZE + 3}`);
      const second = await listSinkMessages(db.database.db, { before: first.nextBefore! });
      assert.deepEqual(second.items.map((i) => i.subject), ['Mail 3', 'Mail 2', 'Mail 1']);
      assert.equal(second.nextBefore, null);
      const opened = await getSinkMessage(db.database.db, second.items[0]!.id);
      assert.deepEqual(opened.headers, { 'X-Hatago-Category': 'reservation' });
      assert.equal(opened.bodyText, 'text 3');
    });
  });
}
