import type { ScaledApp } from './cluster-layout.ts';
import type { EdgeHealth } from './edge-health.ts';
import { probeTimingOf } from './probe-timing.ts';
import type { SupervisedProcess } from './supervised-process.ts';

/**
 * Replaces the instances of one app one at a time, like a Kubernetes Deployment with
 * maxUnavailable 1: the instance drains (readiness fails, the edge stops sending, in-flight
 * requests finish), a new process starts on the same port, and the next instance goes only
 * once the edge's own health view counts the new one healthy. Never two down at once.
 */
export async function rollApp(app: ScaledApp, instances: SupervisedProcess[], edge: EdgeHealth, progress: (line: string) => void): Promise<void> {
  // a few probe rounds beyond the expected time before calling the roll failed
  const edgeTimeoutMs = probeTimingOf(app).noticeUpMs * 3;
  for (const [i, instance] of instances.entries()) {
    const id = instance.spec.id;
    const started = Date.now();
    progress(`${app}: ${i + 1}/${instances.length} draining ${id}`);
    await instance.replace();
    progress(`${app}: ${id} ready again (pid ${instance.status().pid}) after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    await edge.waitUntilHealthy(instance.url, edgeTimeoutMs);
    progress(`${app}: the edge counts ${id} healthy after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  progress(`${app}: rolled ${instances.length} instance(s)`);
}
