import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { hrefsOf } from './page-test-forms.ts';

const footerLinks = (lang: 'ja' | 'en') =>
  lang === 'ja'
    ? /<footer class="site-footer"><nav aria-label="サイトについて"><a href="\/terms">利用規約<\/a>\s*<a href="\/privacy">プライバシーポリシー<\/a><\/nav>/
    : /<footer class="site-footer"><nav aria-label="About this site"><a href="\/terms\?lang=en">Terms of use<\/a>\s*<a href="\/privacy\?lang=en">Privacy policy<\/a><\/nav>/;

describe('terms of use and privacy policy', () => {
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('serves both documents in Japanese and English, public and without a cookie, each linking to the other language', async () => {
    const pages = [
      { url: '/terms', title: '<h1>利用規約</h1>', says: ['予約契約', 'お客様と施設との間で成立', 'トークン', '東京地方裁判所', '第1条'], other: '/terms?lang=en' },
      { url: '/terms?lang=en', title: '<h1>Terms of use</h1>', says: ['made between you and the facility', 'no-show fee', 'we never store it', 'laws of Japan'], other: '/terms' },
      { url: '/privacy', title: '<h1>プライバシーポリシー</h1>', says: ['個人情報保護法', '施設への提供', 'hatago_vid', 'hatago_signed_in', '開示'], other: '/privacy?lang=en' },
      { url: '/privacy?lang=en', title: '<h1>Privacy policy</h1>', says: ['Act on the Protection of Personal Information (APPI)', 'What the facility receives', 'hatago_vid', 'hatago_signed_in', 'last four digits'], other: '/privacy' },
    ];
    for (const page of pages) {
      const res = await get(page.url, 'hatago_member=someone; hatago_signed_in=1');
      assert.equal(res.statusCode, 200, page.url);
      assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/, page.url);
      assert.equal(res.headers['set-cookie'], undefined, page.url);
      assert.ok(res.body.includes(page.title), page.url);
      for (const words of page.says) assert.ok(res.body.includes(words), `${page.url} says ${words}`);
      assert.ok(res.body.includes(`href="${page.other}"`), `${page.url} links to ${page.other}`);
      assert.match(res.body, footerLinks(page.url.includes('lang=en') ? 'en' : 'ja'));
    }
  });

  it('links both from the footer of every guest page, the error page too', async () => {
    for (const [url, lang] of [
      ['/', 'ja'],
      ['/?lang=en', 'en'],
      [`/search?checkin=${futureDate(4)}&lang=en`, 'en'],
      ['/restaurants', 'ja'],
      ['/login', 'ja'],
      ['/reservations/lookup?lang=en', 'en'],
      ['/no-such-page?lang=en', 'en'],
      ['/hotels/999999', 'ja'],
    ] as const) {
      assert.match((await get(url)).body, footerLinks(lang), url);
    }
  });

  it('links both from the consent of the stay booking form and of the sign-up form', async () => {
    const hotel = await get(`/hotels/1?checkin=${futureDate(12)}&nights=1&guests=2&rooms=1&lang=en`);
    const [bookHref] = hrefsOf(hotel.body, 'book-plan');
    const form = await get(bookHref!);
    assert.match(
      form.body,
      /<label class="consent"><input type="checkbox" name="acceptTerms" value="yes" required> I accept the terms of use and the privacy policy<span class="consent-links"><a href="\/terms\?lang=en">Terms of use<\/a>\s*<a href="\/privacy\?lang=en">Privacy policy<\/a><\/span><\/label>/,
    );
    const signUp = await get('/signup');
    assert.match(signUp.body, /<p class="consent-note">登録すると、利用規約とプライバシーポリシーに同意したものとみなされます。 <a href="\/terms">利用規約<\/a>\s*<a href="\/privacy">プライバシーポリシー<\/a><\/p>\s*<input type="hidden"|<p class="consent-note">登録すると[^<]*<a href="\/terms">/);
  });
});
