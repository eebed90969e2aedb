import { setTimeout as delay } from 'node:timers/promises';
import type { ScaledApp } from './cluster-layout.ts';
import { probeTimingOf } from './probe-timing.ts';
import type { SupervisedProcess } from './supervised-process.ts';

/**
 * Replaces the instances of one app one at a time, like a Kubernetes Deployment with
 * maxUnavailable 1: the instance drains (readiness fails, the edge stops sending, in-flight
 * requests finish), a new process starts on the same port, and the next instance goes only
 * once the edge has had time to see the new one healthy. Never two down at once.
 */
export async function rollApp(app: ScaledApp, instances: SupervisedProcess[], progress: (line: string) => void): Promise<void> {
  const { noticeUpMs } = probeTimingOf(app);
  for (const [i, instance] of instances.entries()) {
    const id = instance.spec.id;
    const started = Date.now();
    progress(`${app}: ${i + 1}/${instances.length} draining ${id}`);
    await instance.replace();
    progress(`${app}: ${id} ready again (pid ${instance.status().pid}) after ${((Date.now() - started) / 1000).toFixed(1)}s; waiting ${noticeUpMs} ms for the edge's probes`);
    await delay(noticeUpMs);
  }
  progress(`${app}: rolled ${instances.length} instance(s)`);
}
