export interface PeriodicJob<T> {
  /** The run at start-up, for callers (and tests) that want to know it finished. */
  readonly firstRun: Promise<T>;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs a job at start and then `intervalMs` after each run ends (never two at once), from a
 * long-running process such as the mailer. A failed run is handed to `onError`, whose
 * answer stands for the run's result, and retried at the next tick: never fatal. The timer
 * does not hold the process open.
 */
export function startPeriodicJob<T>(job: () => Promise<T>, options: { intervalMs: number; onError: (error: unknown) => T }): PeriodicJob<T> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<T>;

  const run = (): Promise<T> => {
    running = job()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, options.intervalMs).unref();
      });
    return running;
  };

  const firstRun = run();
  return {
    firstRun,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
