import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MemoryCache } from '@hatago/cache';
import { createTemplateRegistry } from '@hatago/mail';
import { assertNoticeEscapes } from '@hatago/mail/testing';
import { createLogger } from '@hatago/platform/logging';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { FlagChanges } from '../flag-changes.ts';
import { createFlag } from '../store/flag-store.ts';
import { flagDefinition } from '../testing/flag-fixtures.ts';
import { flagsNotices } from './flag-overdue-notice.ts';
import { isOverdue } from './overdue.ts';
import { remindOverdueFlags, startFlagReminders } from './remind-overdue-flags.ts';

const at = (iso: string) => new Date(iso);

describe('overdue flags', () => {
  it('are overdue from the Tokyo day after expiresOn', () => {
    const flag = { expiresOn: '2027-03-07' };
    assert.equal(isOverdue(flag, at('2027-03-07T23:59:59+09:00')), false, 'the last day is still in time');
    assert.equal(isOverdue(flag, at('2027-03-07T15:00:00Z')), true, 'midnight in Tokyo, still the 7th in UTC');
  });

  it('reminders escape what operators typed', () => {
    assertNoticeEscapes(createTemplateRegistry(flagsNotices), 'flag-overdue', { key: 'new-search', owner: '<!channel> & co', expiresOn: '2027-03-07', daysOverdue: 2 });
  });
});

describe('overdue flag reminders', () => {
  let db: TestDatabase;
  const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'req-reminders' };
  const notices = async () =>
    (await sql<{ recipient: string; idempotency_key: string; params: unknown }>`select recipient, idempotency_key, params from mail_messages where template = 'flag-overdue' order by id`.execute(db.database.db)).rows.map(
      (row) => ({ ...row, params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params }),
    );

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: false });
    const context = { db: db.database.db, changes: new FlagChanges(new MemoryCache()) };
    await createFlag(context, flagDefinition({ key: 'new-search', expiresOn: '2027-03-07' }), action);
    await createFlag(context, flagDefinition({ key: 'new-checkout', expiresOn: '2027-06-30' }), action);
  });
  after(() => db.dispose());

  it('queues one Slack reminder per overdue flag and Tokyo day, however often it runs', async () => {
    assert.equal(await remindOverdueFlags(db.database.db, at('2027-03-07T12:00:00+09:00')), 0, 'nothing is due yet');
    assert.equal(await remindOverdueFlags(db.database.db, at('2027-03-08T00:10:00+09:00')), 1);
    assert.equal(await remindOverdueFlags(db.database.db, at('2027-03-08T23:50:00+09:00')), 0, 'the same Tokyo day: already reminded');
    const reminders = startFlagReminders({ db: db.database.db, logger: createLogger('test', 'silent'), now: () => at('2027-03-09T08:00:00+09:00') });
    assert.equal(await reminders.firstRun, 1, 'the next day, again');
    await reminders.stop();
    assert.deepEqual(await notices(), [
      { recipient: '#feature-flags', idempotency_key: 'flag-overdue:new-search:2027-03-08', params: { key: 'new-search', owner: 'Design team', expiresOn: '2027-03-07', daysOverdue: 1 } },
      { recipient: '#feature-flags', idempotency_key: 'flag-overdue:new-search:2027-03-09', params: { key: 'new-search', owner: 'Design team', expiresOn: '2027-03-07', daysOverdue: 2 } },
    ]);
  });
});
