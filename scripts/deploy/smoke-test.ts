/**
 * The smoke test a deploy runs through the edge before it counts as done:
 *   npx tsx scripts/deploy/smoke-test.ts https://staging.hatago.example [--book]
 * Home page, hotel search API, operator login page, the probes kept internal, and with
 * --book a booking (staging: its guest address is the sandbox's) looked up by its code.
 * Exits 1 with one line per failed check; the workflow rolls back on it.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const checkin = () => new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);

async function expect(failures: string[], what: string, check: () => Promise<boolean>): Promise<void> {
  const ok = await check().catch(() => false);
  if (!ok) failures.push(what);
}

/** Resolves with the checks that failed (none: the deploy is good). */
export async function smokeTest(baseUrl: string, options: { book: boolean }): Promise<string[]> {
  const failures: string[] = [];
  const get = (path: string) => fetch(baseUrl + path, { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
  await expect(failures, 'home page', async () => (await (await get('/')).text()).includes('action="/search"'));
  await expect(failures, 'operator login page', async () => (await (await get('/operator/login')).text()).includes('name="login"'));
  let planId: number | undefined;
  await expect(failures, 'hotel search API', async () => {
    const search = await get(`/api/v1/hotels?checkin=${checkin()}&guests=1&pageSize=5`);
    const { items } = (await search.json()) as { items: Array<{ id: number }> };
    if (search.status !== 200) return false;
    for (const hotel of items) {
      const offer = (await (await get(`/api/v1/hotels/${hotel.id}?checkin=${checkin()}&guests=1`)).json()) as { roomTypes: Array<{ plans: Array<{ id: number }> }> };
      planId ??= offer.roomTypes[0]?.plans[0]?.id;
    }
    return true;
  });
  for (const probe of ['/healthz', '/readyz', '/metrics']) await expect(failures, `${probe} kept internal`, async () => (await get(probe)).status !== 200);
  if (options.book) {
    await expect(failures, 'a booking, found again by its code', async () => {
      if (planId === undefined) return false;
      const email = 'smoke-test@example.com';
      const booked = await fetch(`${baseUrl}/api/v1/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `smoke-${randomBytes(8).toString('hex')}` },
        body: JSON.stringify({ planId, checkin: checkin(), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: 'Smoke Test', email, phone: '090-0000-0000' } }),
      });
      if (booked.status !== 201) return false;
      const { code } = (await booked.json()) as { code: string };
      return (await get(`/api/v1/reservations/${code}?email=${email}`)).status === 200;
    });
  }
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { book: { type: 'boolean', default: false } } });
  const url = positionals[0]?.replace(/\/$/, '');
  if (!url) {
    console.error('usage: smoke-test.ts <base URL> [--book]');
    process.exit(2);
  }
  const failures = await smokeTest(url, { book: values.book! });
  if (failures.length) {
    console.error(`smoke test failed at ${url}:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`smoke test passed at ${url}`);
}
