import type { ReadinessCheck } from './readiness.ts';

/**
 * What the cluster runs: every app as several instances on fixed loopback ports, and the
 * edge in front of them. Ports stay fixed per instance so a restarted instance comes back
 * where the edge already looks for it.
 */
export const SCALED_APPS = ['guest', 'facility', 'operator', 'mailer'] as const;
export type ScaledApp = (typeof SCALED_APPS)[number];

export interface InstanceSpec {
  /** `guest-1`, `edge`: names the process in logs, status and commands. */
  id: string;
  app: ScaledApp | 'edge';
  /** Its entry point, relative to the repository root. */
  entry: string;
  port: number;
  env: Record<string, string>;
  /** Where the supervisor asks whether it is ready; default: its port's /readyz. */
  readiness?: ReadinessCheck;
}

/** The edge pools every instance of an app by the app's name, as the edge rules do. */
export type EdgeBackends = Partial<Record<ScaledApp, string[]>>;

export const entryOf = (app: ScaledApp | 'edge') => `apps/${app}/src/main.ts`;

export const urlOf = (port: number) => `http://127.0.0.1:${port}`;

export function edgeBackendsOf(instances: InstanceSpec[]): EdgeBackends {
  const backends: EdgeBackends = {};
  for (const instance of instances) {
    if (instance.app === 'edge') continue;
    (backends[instance.app] ??= []).push(urlOf(instance.port));
  }
  return backends;
}
