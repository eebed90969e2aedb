import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { futureDate } from '@hatago/test-support';
import { againstEveryApp, DEMO_PASSWORD, signIn } from './support/apps-under-attack.ts';

/**
 * Finding 8 of issue 16: a name booked with zero-width or bidi characters, or in full-width
 * letters, was stored as sent, so staff searching for the name as it reads did not find it.
 */
againstEveryApp('finding 8: invisible characters cannot hide a guest from staff search', (apps) => {
  let code: string;
  let operatorCookie: string;

  before(async () => {
    const plan = await apps().db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const booking = {
      planId: plan.id,
      checkin: futureDate(24),
      nights: 1,
      guests: 1,
      rooms: 1,
      acceptTerms: true,
      guest: { name: '鈴\u200b木\u2060 \u202e一郎', nameLatin: 'Ｉｃｈｉ\u200dro Suzuki', email: 'finding8@example.com', phone: '090-1111-2222' },
    };
    const response = await apps().guest.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'security-finding-8' },
      payload: JSON.stringify(booking),
    });
    assert.equal(response.statusCode, 201, response.body);
    code = response.json().code;
    operatorCookie = await signIn(apps().operator, '/operator/login', { login: 'support', password: DEMO_PASSWORD });
  });

  const found = async (name: string) => {
    const response = await apps().operator.inject({ url: `/operator/reservations?name=${encodeURIComponent(name)}`, headers: { cookie: operatorCookie } });
    assert.equal(response.statusCode, 200);
    return response.body.includes(`>${code}</a>`);
  };

  it('stores the name without the invisible characters, composed by compatibility', async () => {
    const row = await apps().db.database.db.selectFrom('reservations').select(['guest_name', 'guest_name_latin']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual(row, { guest_name: '鈴木 一郎', guest_name_latin: 'Ichiro Suzuki' });
  });

  it('finds the guest by the name as it reads, in either script', async () => {
    assert.ok(await found('鈴木'), 'kanji');
    assert.ok(await found('ichiro'), 'Latin');
  });

  it('normalises the search term the same way', async () => {
    assert.ok(await found('鈴\u200c木'), 'a zero-width character typed into the search');
    assert.ok(await found('ＩＣＨＩＲＯ'), 'full-width letters typed into the search');
  });
});
