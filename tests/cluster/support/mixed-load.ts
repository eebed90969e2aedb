import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'undici';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { type BookablePlan, GuestClient, type Reply } from './guest-client.ts';

export type RequestKind = 'search-api' | 'search-page' | 'hotel-page' | 'hotel-api' | 'member-page' | 'booking' | 'login';

export interface Sample {
  kind: RequestKind;
  /** HTTP status, or the network error's code when no answer came. */
  status: number | string;
  ms: number;
}

export interface LoadWorld {
  plans: BookablePlan[];
  areas: string[];
  members: Array<{ email: string; password: string }>;
}

/** What each kind of request may answer; anything else is a failure the client saw. */
const EXPECTED: Record<RequestKind, number[]> = {
  'search-api': [200],
  'search-page': [200],
  'hotel-page': [200],
  'hotel-api': [200],
  // 303 to /login here would mean the session did not survive
  'member-page': [200],
  // 409: sold out, a correct refusal
  booking: [201, 409],
  login: [303],
};

/** Logins are not idempotent (no key): the edge may not retry them, so they are reported, not held to zero. */
export const IDEMPOTENT_KINDS: RequestKind[] = ['search-api', 'search-page', 'hotel-page', 'hotel-api', 'member-page', 'booking'];

const STEPS: Array<Exclude<RequestKind, 'login'>> = ['search-api', 'hotel-page', 'member-page', 'search-page', 'booking', 'hotel-api', 'member-page', 'hotel-page'];
const RELOGIN_EVERY = 40;
const BOOKING_ATTEMPTS = 3;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/**
 * Steady mixed traffic from `clients` virtual guests, each on its own loopback address (so
 * the edge's per-client limits see distinct clients) with a short think time between
 * requests: searches, hotel pages, member pages with the session cookie, logins, and API
 * bookings with an Idempotency-Key that a client retries with the same key when it failed.
 */
export class MixedLoad {
  readonly samples: Sample[] = [];
  /** Idempotency key → reservation code, for every booking a client saw succeed. */
  readonly booked = new Map<string, string>();
  /** Keys still without a 201 or 409 after every attempt. */
  readonly unresolvedBookings: string[] = [];
  bookingRetries = 0;
  replays = 0;
  private readonly runId = randomBytes(4).toString('hex');
  private readonly agents: Agent[] = [];
  private stopped = false;
  private running: Promise<void> | undefined;
  private startedAt = 0;

  constructor(
    private readonly edgeUrl: string,
    private readonly world: LoadWorld,
    private readonly options: { clients: number; thinkMs: number },
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.running = Promise.all(Array.from({ length: this.options.clients }, (_, i) => this.client(i))).then(() => undefined);
  }

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Lets every client finish its current request, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await Promise.all(this.agents.map((agent) => agent.close()));
  }

  /** Requests whose answer was not one their kind may give. */
  failures(kinds: RequestKind[] = IDEMPOTENT_KINDS): Sample[] {
    return this.samples.filter((s) => kinds.includes(s.kind) && !EXPECTED[s.kind].includes(s.status as number));
  }

  summary(): string {
    const lines = [`| request | count | statuses | p50 ms | p99 ms |`, '|---|---:|---|---:|---:|'];
    const row = (label: string, samples: Sample[]) => {
      const statuses = new Map<string, number>();
      for (const s of samples) statuses.set(String(s.status), (statuses.get(String(s.status)) ?? 0) + 1);
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
      const shown = [...statuses].sort().map(([status, n]) => `${status}×${n}`).join(' ');
      lines.push(`| ${label} | ${samples.length} | ${shown} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} |`);
    };
    for (const kind of Object.keys(EXPECTED) as RequestKind[]) row(kind, this.samples.filter((s) => s.kind === kind));
    row('all', this.samples);
    const seconds = this.elapsedMs / 1000;
    lines.push(
      `${this.options.clients} clients, ${seconds.toFixed(0)} s, ${(this.samples.length / seconds).toFixed(0)} requests/s; ` +
        `${this.booked.size} bookings confirmed (${this.replays} answered as replays), ${this.bookingRetries} booking retries by clients`,
    );
    return lines.join('\n');
  }

  private async timed(kind: RequestKind, send: () => Promise<Reply>): Promise<Reply | undefined> {
    const t0 = performance.now();
    try {
      const reply = await send();
      this.samples.push({ kind, status: reply.status, ms: performance.now() - t0 });
      return reply;
    } catch (error) {
      this.samples.push({ kind, status: (error as { code?: string }).code ?? (error as Error).name, ms: performance.now() - t0 });
      return undefined;
    }
  }

  private async client(i: number): Promise<void> {
    const agent = new Agent({ localAddress: `127.0.0.${10 + i}`, connections: 2 });
    this.agents.push(agent);
    const guest = new GuestClient(this.edgeUrl, agent);
    const member = this.world.members[i % this.world.members.length]!;
    const today = tokyoToday();
    for (let n = 0; !this.stopped; n++) {
      // a refused login is tried again at the next turn of the cycle, not at once
      if ((!guest.memberCookie && n % STEPS.length === 0) || n % RELOGIN_EVERY === RELOGIN_EVERY - 1) {
        await this.timed('login', async () => {
          const status = await guest.logIn(member.email, member.password);
          return { status, headers: {}, body: '' };
        });
      }
      const checkin = addDays(today, 3 + Math.floor(Math.random() * 12));
      const step = STEPS[n % STEPS.length]!;
      switch (step) {
        case 'search-api':
          await this.timed(step, () => guest.get(`/api/v1/hotels?area=${pick(this.world.areas)}&checkin=${checkin}&guests=1`));
          break;
        case 'search-page':
          await this.timed(step, () => guest.get(`/search?area=${pick(this.world.areas)}&checkin=${checkin}&nights=1&guests=1`));
          break;
        case 'hotel-page':
          await this.timed(step, () => guest.get(`/hotels/${pick(this.world.plans).hotelId}?checkin=${checkin}&nights=1&guests=1`));
          break;
        case 'hotel-api':
          await this.timed(step, () => guest.get(`/api/v1/hotels/${pick(this.world.plans).hotelId}?checkin=${checkin}&guests=1`));
          break;
        case 'member-page':
          if (guest.memberCookie) await this.timed(step, () => guest.memberPage());
          break;
        case 'booking':
          await this.book(guest, i, n, checkin);
          break;
        default:
          throw new Error(`no step ${step satisfies never}`);
      }
      await delay(this.options.thinkMs);
    }
  }

  private async book(guest: GuestClient, i: number, n: number, checkin: string): Promise<void> {
    const key = `load-${this.runId}-${i}-${n}`;
    const plan = pick(this.world.plans);
    const stay = { checkin, nights: 1 + (n % 2) };
    for (let attempt = 1; attempt <= BOOKING_ATTEMPTS; attempt++) {
      if (attempt > 1) this.bookingRetries++;
      const reply = await this.timed('booking', () => guest.bookViaApi(plan, stay, `load${i}@example.com`, key));
      if (reply?.status === 201) {
        this.booked.set(key, (JSON.parse(reply.body) as { code: string }).code);
        if (reply.headers['idempotent-replayed'] === 'true') this.replays++;
        return;
      }
      if (reply?.status === 409) return;
      // only a lost answer or a server error is worth the same request again
      if (reply && reply.status < 500) break;
    }
    this.unresolvedBookings.push(key);
  }
}
