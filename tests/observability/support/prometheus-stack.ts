import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitUntil } from '@hatago/mail/testing';
import { alertmanagerConfig, renderAlertmanagerConfig, renderRuleFile, type SloSet, sloRuleGroups } from '@hatago/slo';

export interface ScrapeTarget {
  job: string;
  /** `http://127.0.0.1:port` */
  url: string;
  token: string;
}

export interface PrometheusStack {
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** Alerts Prometheus holds now, with their state (pending or firing). */
  alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>>;
  stop(): Promise<void>;
}

/**
 * A real Prometheus and Alertmanager (Debian's `prometheus`, `prometheus-alertmanager`) on
 * loopback, scraping `targets` every second with the rules generated from `slos` at
 * `timeScale` (windows and waits divided by it) and sending alerts to Slack at `slackWebhookUrl`.
 */
export async function startPrometheusStack(options: { slos: SloSet; timeScale: number; targets: ScrapeTarget[]; slackWebhookUrl: string }): Promise<PrometheusStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hatago-prometheus-'));
  const [promPort, amPort] = [await freePort(), await freePort()];
  const file = (name: string) => path.join(dir, name);
  await writeFile(file('slack-webhook-url'), options.slackWebhookUrl, { mode: 0o600 });
  await writeFile(
    file('alertmanager.yml'),
    renderAlertmanagerConfig(alertmanagerConfig({ slackWebhookUrlFile: file('slack-webhook-url'), slackChannel: '#test-alerts', timeScale: options.timeScale })),
  );
  await writeFile(file('slo-rules.yml'), renderRuleFile(sloRuleGroups(options.slos, { timeScale: options.timeScale }), `time scale ${options.timeScale}`));
  await writeFile(
    file('prometheus.yml'),
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [file('slo-rules.yml')],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: options.targets.map((t) => ({
        job_name: t.job,
        authorization: { credentials: t.token },
        static_configs: [{ targets: [new URL(t.url).host] }],
      })),
    }),
  );
  const processes: ChildProcess[] = [];
  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    processes.push(child);
    return () => log;
  };
  const amLog = start('prometheus-alertmanager', [
    `--config.file=${file('alertmanager.yml')}`,
    `--storage.path=${file('alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
  ]);
  const promLog = start('prometheus', [
    `--config.file=${file('prometheus.yml')}`,
    `--storage.tsdb.path=${file('prometheus-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ]);
  const prometheusUrl = `http://127.0.0.1:${promPort}`;
  const alertmanagerUrl = `http://127.0.0.1:${amPort}`;
  const ready = async (url: string) => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok === true;
  await waitUntil(() => `Alertmanager ready:\n${amLog()}`, () => ready(alertmanagerUrl), 30_000);
  await waitUntil(() => `Prometheus ready:\n${promLog()}`, () => ready(prometheusUrl), 30_000);
  return {
    prometheusUrl,
    alertmanagerUrl,
    async alerts() {
      const body = (await (await fetch(`${prometheusUrl}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
      return body.data.alerts;
    },
    async stop() {
      await Promise.all(
        processes.map((child) => (child.exitCode !== null ? undefined : new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM')))),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
