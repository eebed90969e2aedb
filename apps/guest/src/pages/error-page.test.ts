import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUnderTest } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

describe('the guest error page', () => {
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  it('answers an unknown page in Japanese by default and in English when asked, with the request id and a way back', async () => {
    const ja = await get('/no-such-page');
    assert.equal(ja.statusCode, 404);
    assert.match(ja.body, /<html lang="ja"/);
    assert.match(ja.body, /<h1>ページが見つかりません<\/h1>/);
    assert.match(ja.body, /リクエストID: <code>[\w-]+<\/code>/);
    assert.match(ja.body, /<a href="\/">トップページへ戻る<\/a>/);
    assert.ok(!/We could not find|Request ID|No page at/.test(ja.body), 'no English left on the Japanese page');

    const en = await get('/no-such-page?lang=en');
    assert.equal(en.statusCode, 404);
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /<h1>We could not find that page<\/h1>/);
    assert.match(en.body, /<a href="\/\?lang=en">Back to the start<\/a>/);
    assert.ok(!/ページ/.test(en.body));
  });

  it('is never cached and shows no path the visitor typed', async () => {
    const res = await get('/%3Cscript%3Ealert(1)%3C/script%3E');
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(!res.body.includes('<script>alert') && !res.body.includes('script%3E'));
  });
});
