/**
 * The service level objectives the AWS alarms are generated from. A small typed list until
 * config/slo.ts (the Prometheus rules' source) lands on main; then this file re-exports
 * from it and both alert on the same numbers.
 */
export interface ServiceLevelObjective {
  name: string;
  app: 'guest' | 'facility' | 'operator';
  /** Share of requests answered without a 5xx, over the alarm's window. */
  availability?: number;
  /** p99 target response time in milliseconds. */
  latencyP99Ms?: number;
  /** The runbook in docs/operations.md ("Runbooks per alert"). */
  runbook: string;
}

export const SERVICE_LEVEL_OBJECTIVES: ServiceLevelObjective[] = [
  { name: 'guest-availability', app: 'guest', availability: 0.999, runbook: 'guest-availability' },
  { name: 'guest-latency', app: 'guest', latencyP99Ms: 1000, runbook: 'guest-latency' },
  { name: 'facility-availability', app: 'facility', availability: 0.995, runbook: 'console-availability' },
  { name: 'operator-availability', app: 'operator', availability: 0.995, runbook: 'console-availability' },
];
