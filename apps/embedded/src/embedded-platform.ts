import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { type Cache, MemoryCache } from '@hatago/cache';
import { openDatabase, type Database } from '@hatago/db';
import { seedDemoData, seedDemoPhotos, type SeedOptions } from '@hatago/demo-data';
import { BannerChanges, bannerEdgeKeys } from '@hatago/banners';
import { CatalogChanges, catalogEdgeKeys } from '@hatago/catalog';
import { DiningChanges, diningEdgeKeys } from '@hatago/dining';
import { startFlagReminders } from '@hatago/flags';
import { createEdgeServer } from '@hatago/edge';
import { EdgeCache } from '@hatago/http-cache';
import edgeRules from '../../../config/edge.ts';
import { buildFacilityApp } from '@hatago/facility';
import { buildGuestApp } from '@hatago/guest';
import { type MailProvider, SinkProvider, SlackProvider, startMailWorkers, startRetentionPurge } from '@hatago/mail';
import { buildMailerApp, createMailMetrics } from '@hatago/mailer';
import { platformTemplates } from '@hatago/runtime';
import { DatabaseRateLimiter } from '@hatago/identity';
import { buildOperatorApp } from '@hatago/operator';
import type { Drainable, HttpApp } from '@hatago/platform/http';
import { createEdgePurgeClient, type EdgePurging, purgeEdgeOn } from '@hatago/platform/edge';
import { createLogger, type DestinationStream, type Logger } from '@hatago/platform/logging';
import { migrateHatago } from '@hatago/schema';
import type { Registry } from 'prom-client';
import { LocalStorage, type ObjectStorage, tracedStorage, UrlSignature } from '@hatago/storage';
import type { SpanStore } from '@hatago/telemetry';
import type { SreMonitor } from '@hatago/slo';
import { createEmbeddedSre, type EmbeddedSreOptions } from './embedded-sre.ts';

export interface EmbeddedOptions {
  port: number;
  host: string;
  /** PGlite and local files live here; omitted means an in-memory database (tests). */
  dataDir?: string;
  /** Use a PostgreSQL server instead of PGlite. */
  databaseUrl?: string;
  dbPoolSize?: number;
  signingSecret?: string;
  /** Seed the demo world into an empty database; options shrink it for tests. */
  seed: boolean | SeedOptions;
  /** Each service logs under its own name at this level. */
  logLevel: string;
  /** Where log lines go; stdout unless a test reads them. */
  logDestination?: DestinationStream;
  onSeedProgress?: (done: number, total: number) => void;
  /** The lived-in world's bookings, hotel by hotel, then restaurant by restaurant. */
  onBookingSeedProgress?: (done: number, total: number) => void;
  /** Demo photos are made after the catalogue is seeded, hotel by hotel. */
  onPhotoSeedProgress?: (done: number, total: number) => void;
  /** The origin guests reach the platform at, for links in mails; defaults to the edge's own address. */
  publicBaseUrl?: string;
  /** Booking attempts per client address and minute; every local client shares one loopback address. */
  bookingAttemptsPerMinute?: number;
  /** Rendered bodies of mails older than this are purged; metadata and timeline stay. */
  mailBodyRetentionDays?: number;
  /** Bearer token for each app's /metrics on its loopback port; without one no app serves metrics. */
  metricsToken?: string;
  /** The deployment environment feature flags are evaluated for; `development` when absent. */
  environment?: string;
  /** Recent slow and failed traces, shown by the operator console (the process's telemetry records into it). */
  traces?: SpanStore;
  /** The in-process SLO evaluation (alerts to Slack, /operator/sre). */
  sre?: EmbeddedSreOptions;
  /** Slack channel → incoming-webhook URL: notices (SLO alerts among them) go to Slack instead of the dev mailbox. */
  slackWebhooks?: Record<string, string>;
}

export interface EmbeddedPlatform {
  /** The edge's address: the one public entry point. */
  url: string;
  /** The edge's admin listener (metrics, health, purge) and its bearer token. */
  edgeAdmin: { url: string; token: string };
  /** Each app's own loopback address (probes and, with a token, /metrics), as a scraper would reach it. */
  services: Record<AppName, string>;
  /** Catalogue, dining and banner changes purging the edge; `settled()` resolves when the purges sent so far are done. */
  edgePurging: EdgePurging;
  database: Database;
  /** The cache every app shares; its invalidations announce catalogue changes (see CatalogChanges). */
  cache: Cache;
  /** The in-process SLO evaluation behind /operator/sre. */
  sre: SreMonitor;
  /** Everything to drain and close, in order, on shutdown. */
  parts: Drainable[];
  close(): Promise<void>;
}

/**
 * The whole platform in one process on embedded defaults: one PGlite for every app (it is
 * single-connection and costs ~800 MB, so never one per app), each app on its own loopback
 * port exactly as in distributed mode, and the edge in front on the public port.
 */
export async function startEmbeddedPlatform(options: EmbeddedOptions): Promise<EmbeddedPlatform> {
  const loggerOf = (service: string) => createLogger(service, options.logLevel, options.logDestination);
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const signingSecret = options.signingSecret ?? (options.dataDir ? await persistentSecret(options.dataDir) : randomBytes(32).toString('hex'));
  const storage = tracedStorage(
    new LocalStorage({
      root: options.dataDir ? path.join(options.dataDir, 'objects') : path.join(tmpdir(), 'hatago-objects'),
      signature: new UrlSignature(signingSecret),
      urlPrefix: '/facility/files/',
    }),
    'local',
  );
  const database = await openEmbeddedDatabase(options, storage, loggerOf('hatago'));
  // One process serves everything: a cache in its memory is shared by every app, and
  // attempts are counted in the database, so limits survive a restart.
  const cache = new MemoryCache({ logger: loggerOf('cache') });
  const mailMetrics = createMailMetrics(database.db);
  const sre = createEmbeddedSre(database.db, loggerOf('sre'), options.sre);
  const apps = await buildApps(
    options,
    { database, signingSecret, storage, cache, rateLimiter: new DatabaseRateLimiter(database.db), metricsToken: options.metricsToken, ...(options.environment ? { environment: options.environment } : {}) },
    { mail: mailMetrics.registry, sre: sre.monitor },
    loggerOf,
  );
  const instances = await listenOnLoopback(apps);
  const edge = await startEdge(options, instances, loggerOf);
  sre.sources.services = apps.map(([name, app]) => ({ name, registries: app.metricRegistries }));
  sre.sources.edge = edge.metricsRegistry;
  sre.monitor.start();
  // catalogue, dining and banner changes purge the edge through its purge API, exactly as a separate edge is told
  const edgePurging = purgeEdgeOn(
    [catalogEdgeKeys(new CatalogChanges(cache)), diningEdgeKeys(new DiningChanges(cache)), bannerEdgeKeys(new BannerChanges(cache))],
    createEdgePurgeClient({ ...edge.admin, logger: loggerOf('edge-purge') }),
  );

  // mail goes to the dev sink (the operator console's mailbox); one loop, since PGlite runs one query at a time anyway
  const mailWorkers = startMailWorkers({
    db: database.db,
    providers: mailProviders(database.db, options.slackWebhooks),
    templates: platformTemplates,
    logger: loggerOf('mailer'),
    concurrency: 1,
    observer: mailMetrics.observer,
  });
  const retention = startRetentionPurge({ db: database.db, logger: loggerOf('mailer'), olderThanDays: options.mailBodyRetentionDays ?? 90 });
  const flagReminders = startFlagReminders({ db: database.db, logger: loggerOf('mailer') });

  const parts: Drainable[] = [
    { name: 'sre', close: () => sre.monitor.stop() },
    { name: 'edge-purge', close: () => edgePurging.stop() },
    { name: 'edge', close: () => edge.close() },
    ...apps.map(([name, app]) => ({ name, startDraining: () => app.startDraining(), close: () => app.close() })),
    // after the apps, so mail they queue while draining is still sent; before the database it needs
    { name: 'mail-workers', close: () => mailWorkers.stop() },
    { name: 'mail-retention', close: () => retention.stop() },
    { name: 'flag-reminders', close: () => flagReminders.stop() },
    { name: 'database', close: () => database.close() },
  ];
  return {
    url: edge.url,
    edgeAdmin: edge.admin,
    services: Object.fromEntries(apps.map(([name]) => [name, instances[name]![0]!])) as Record<AppName, string>,
    edgePurging,
    sre: sre.monitor,
    database,
    cache,
    parts,
    async close() {
      for (const part of parts) await part.close();
    },
  };
}

/** PGlite under the data directory (or a PostgreSQL server when given), migrated, seeded (photos included) on first start. */
async function openEmbeddedDatabase(options: EmbeddedOptions, storage: ObjectStorage, logger: Logger): Promise<Database> {
  const database = options.databaseUrl
    ? openDatabase({
        kind: 'postgres',
        url: options.databaseUrl,
        poolSize: options.dbPoolSize ?? 20,
        statementTimeoutMs: 10_000,
        applicationName: 'hatago-embedded',
      })
    : openDatabase({ kind: 'pglite', ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pglite') } : {}) });
  const applied = await migrateHatago(database.db);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  if (options.seed) {
    const seeded = await seedDemoData(database.db, {
      // a first start proper (not a test's chosen world) gets a lived-in world (stays and tables around today everywhere) and prices per guest count
      ...(options.seed === true ? { livedIn: true, occupancyPrices: true } : options.seed),
      ...(options.onSeedProgress ? { onProgress: options.onSeedProgress } : {}),
      ...(options.onBookingSeedProgress ? { onBookingProgress: options.onBookingSeedProgress } : {}),
    });
    if (seeded) {
      const photos = await seedDemoPhotos(database.db, storage, options.onPhotoSeedProgress ? { onProgress: options.onPhotoSeedProgress } : {});
      logger.info({ ownersWithPhotos: photos }, 'demo data seeded');
    }
  }
  return database;
}

export type AppName = 'guest' | 'facility' | 'operator' | 'mailer';

async function buildApps(
  options: EmbeddedOptions,
  deps: { database: Database; signingSecret: string; storage: ObjectStorage; cache: Cache; rateLimiter: DatabaseRateLimiter; metricsToken: string | undefined; environment?: string },
  shared: { mail: Registry; sre: SreMonitor },
  loggerOf: (service: string) => Logger,
): Promise<Array<[name: AppName, app: HttpApp]>> {
  return [
    [
      'guest',
      await buildGuestApp({
        ...deps,
        logger: loggerOf('guest'),
        publicBaseUrl: options.publicBaseUrl ?? `http://${hostInUrl(options.host)}:${options.port}`,
        ...(options.bookingAttemptsPerMinute ? { bookingAttemptsPerMinute: options.bookingAttemptsPerMinute } : {}),
      }),
    ],
    ['facility', await buildFacilityApp({ ...deps, logger: loggerOf('facility') })],
    ['operator', await buildOperatorApp({ ...deps, mailTemplates: platformTemplates, logger: loggerOf('operator'), sre: shared.sre, ...(options.traces ? { traces: options.traces } : {}) })],
    // probes, mail metrics and the SendGrid webhook (refused here: the sink has no events to report)
    ['mailer', await buildMailerApp({ database: deps.database, logger: loggerOf('mailer'), metrics: shared.mail, metricsToken: deps.metricsToken })],
  ];
}

/** One loopback instance per app, named as the edge rules name their backends. */
async function listenOnLoopback(apps: Array<[name: AppName, app: HttpApp]>): Promise<Record<string, string[]>> {
  const instances: Record<string, string[]> = {};
  for (const [name, app] of apps) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    instances[name] = [`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
  }
  // there is no separate canary build here, so an opt-in lands on the same guest app
  instances['guest-canary'] = instances.guest!;
  return instances;
}

async function startEdge(options: EmbeddedOptions, instances: Record<string, string[]>, loggerOf: (service: string) => Logger) {
  const adminToken = randomBytes(24).toString('hex');
  const edge = createEdgeServer({
    // every client of a local platform (browser, tests, benches) arrives from the same loopback
    // address, so a per-address limit would throttle them as one; the apps keep their own limits
    rules: { ...edgeRules, rateLimits: [] },
    instances,
    logger: loggerOf('edge'),
    cache: new EdgeCache({ logger: loggerOf('edge') }),
    adminToken,
    ...(options.logLevel === 'silent' ? { accessLog: false as const } : {}),
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  });
  const address = await listen(edge.server, options.port, options.host);
  // the admin listener stays on loopback: purges come from the apps in this process
  const adminAddress = await listen(edge.adminServer!, 0, '127.0.0.1');
  return {
    url: `http://${hostInUrl(options.host)}:${address.port}`,
    admin: { url: `http://127.0.0.1:${adminAddress.port}`, token: adminToken },
    metricsRegistry: edge.metrics.registry,
    close: () => edge.close(),
  };
}

/** The dev sink for mail; Slack notices to Slack when webhooks are given, else to the sink as well. */
function mailProviders(db: Database['db'], slackWebhooks: Record<string, string> | undefined): MailProvider[] {
  if (!slackWebhooks || Object.keys(slackWebhooks).length === 0) return [new SinkProvider(db, 'no-reply@hatago.example')];
  return [new SinkProvider(db, 'no-reply@hatago.example', Number.POSITIVE_INFINITY, ['email']), new SlackProvider({ webhooks: slackWebhooks, ratePerSecond: 1, timeoutMs: 10_000 })];
}

const hostInUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

const listen = (server: http.Server, port: number, host: string) =>
  new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });

/** Embedded mode keeps its signing secret beside the data, so sessions and links survive restarts. */
async function persistentSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'signing-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('hex');
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
