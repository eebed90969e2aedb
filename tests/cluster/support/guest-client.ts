import { type Dispatcher, getGlobalDispatcher, request } from 'undici';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface BookablePlan {
  hotelId: number;
  planId: number;
}

export const DEMO_MEMBER = { email: 'member@example.com', password: 'hatago-demo-pass' } as const;

/**
 * What a guest's browser or API client does against the guest site, through any base URL
 * (one instance, or the edge in front of many), over a dispatcher of the caller's choosing
 * (e.g. bound to its own loopback address, so the edge sees distinct clients).
 */
export class GuestClient {
  /** The member session cookie once logged in (`hatago_member=…`). */
  memberCookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly dispatcher: Dispatcher = getGlobalDispatcher(),
  ) {}

  async call(method: Dispatcher.HttpMethod, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    const res = await request(`${this.baseUrl}${path}`, {
      method,
      dispatcher: this.dispatcher,
      // as a browser does on every post; the cross-site check wants it with a session
      headers: method === 'GET' || method === 'HEAD' ? (options.headers ?? {}) : { origin: new URL(this.baseUrl).origin, ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.call('GET', path, { headers });
  }

  /** Books through the JSON API; the key makes a repeat of the same request a replay. */
  bookViaApi(plan: BookablePlan, stay: { checkin: string; nights: number }, email: string, idempotencyKey: string): Promise<Reply> {
    return this.call('POST', '/api/v1/reservations', {
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({
        planId: plan.planId,
        checkin: stay.checkin,
        nights: stay.nights,
        guests: 1,
        rooms: 1,
        acceptTerms: true,
        guest: { name: 'Cluster Test', email, phone: '090-1234-5678' },
      }),
    });
  }

  /** Logs in through the login form and keeps the session cookie; returns the answer's status. */
  async logIn(email: string, password: string): Promise<number> {
    const reply = await this.call('POST', '/login', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, next: '/account/reservations' }).toString(),
    });
    const cookie = cookieNamed(reply, 'hatago_member');
    if (reply.status === 303 && cookie) this.memberCookie = cookie;
    return reply.status;
  }

  /** The member's own page with the session cookie: 200 while the session is alive, 303 to /login otherwise. */
  memberPage(): Promise<Reply> {
    return this.get('/account/reservations', this.memberCookie ? { cookie: this.memberCookie } : {});
  }
}

export function cookieNamed(reply: Reply, name: string): string | undefined {
  const all = reply.headers['set-cookie'];
  for (const line of Array.isArray(all) ? all : all ? [all] : []) {
    if (line.startsWith(`${name}=`)) return line.split(';')[0];
  }
  return undefined;
}

/** Every plan paid at the hotel of every hotel free on `checkin`, found through the API the way a client would. */
export async function bookablePlans(client: GuestClient, checkin: string): Promise<BookablePlan[]> {
  const list = await client.get(`/api/v1/hotels?checkin=${checkin}&guests=1&pageSize=100`);
  if (list.status !== 200) throw new Error(`hotel search answered ${list.status}`);
  const plans: BookablePlan[] = [];
  for (const { id } of (JSON.parse(list.body) as { items: Array<{ id: number }> }).items) {
    const offer = await client.get(`/api/v1/hotels/${id}?checkin=${checkin}&guests=1`);
    const { roomTypes } = JSON.parse(offer.body) as { roomTypes: Array<{ plans: Array<{ id: number; guaranteeRequired: boolean }> }> };
    // these clients bring no card: plans paid at the hotel only
    for (const roomType of roomTypes) for (const plan of roomType.plans) if (!plan.guaranteeRequired) plans.push({ hotelId: id, planId: plan.id });
  }
  return plans;
}
