import { setTimeout as delay } from 'node:timers/promises';

/** Where a process says it is ready: an app's /readyz, or the edge's admin /health behind its token. */
export interface ReadinessCheck {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Resolves once the check answers 200; rejects when `isGone()` says the process died or
 * the deadline passes. Polls: readiness is a state of the instance, not an event it sends.
 */
export async function waitUntilReady(check: ReadinessCheck, options: { timeoutMs: number; isGone: () => boolean }): Promise<void> {
  const { url } = check;
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.isGone()) throw new Error(`${url} exited before it was ready`);
    try {
      const response = await fetch(url, { headers: check.headers ?? {}, signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${url} was not ready within ${options.timeoutMs} ms`);
}
