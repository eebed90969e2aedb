import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves once `url`/readyz answers 200; rejects when `isGone()` says the process died or
 * the deadline passes. Polls: readiness is a state of the instance, not an event it sends.
 */
export async function waitUntilReady(url: string, options: { timeoutMs: number; isGone: () => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.isGone()) throw new Error(`${url} exited before it was ready`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${url} was not ready within ${options.timeoutMs} ms`);
}
