import { setTimeout as delay } from 'node:timers/promises';

interface HealthView {
  backends: Record<string, { instances: Array<{ url: string; healthy: boolean }> }>;
}

/**
 * The edge's own view of its pools (its admin listener's /health): a rolling restart moves
 * on only once the edge itself counts the new instance healthy, not when the instance
 * merely says it is ready.
 */
export class EdgeHealth {
  constructor(
    private readonly adminUrl: string,
    private readonly token: string,
  ) {}

  async isHealthy(instanceUrl: string): Promise<boolean> {
    const response = await fetch(`${this.adminUrl}/health`, { headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(2000) });
    if (response.status !== 200) throw new Error(`edge health view answered ${response.status}`);
    const view = (await response.json()) as HealthView;
    return Object.values(view.backends).some((backend) => backend.instances.some((i) => i.url === instanceUrl && i.healthy));
  }

  async waitUntilHealthy(instanceUrl: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.isHealthy(instanceUrl).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`the edge did not count ${instanceUrl} healthy within ${timeoutMs} ms`);
      await delay(250);
    }
  }
}
