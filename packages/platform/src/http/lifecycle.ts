import type { Logger } from 'pino';

export interface Drainable {
  name: string;
  /** Stop accepting new work (readiness fails). */
  startDraining?(): void;
  /** Finish in-flight work and release resources. */
  close(): Promise<unknown>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: every part fails readiness first, waits so a
 * balancer notices, then closes in order (listeners before the pools they use). A second
 * signal or a stuck close ends the process anyway.
 */
export function closeOnSignals(parts: Drainable[], logger: Logger, options: { delayMs: number; timeoutMs?: number }): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'draining');
    for (const part of parts) part.startDraining?.();
    const timer = setTimeout(() => {
      logger.error('shutdown timed out, exiting');
      process.exit(1);
    }, options.timeoutMs ?? 30_000);
    timer.unref();
    await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    for (const part of parts) {
      try {
        await part.close();
      } catch (error) {
        logger.error({ err: error, part: part.name }, 'close failed');
      }
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
