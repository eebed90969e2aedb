import { SCALED_APPS, type ScaledApp } from './cluster-layout.ts';
import { freePort } from './free-port.ts';

/**
 * Fixed ports per instance: guest i on base+1+10*i, facility base+2+10*i, operator
 * base+3+10*i, mailer base+4+10*i (3001, 3011, … by default); the edge's admin listener
 * takes base+9. Base 0 takes free ports
 * instead, for tests and for several clusters on one machine.
 */
export async function instancePorts(instances: Record<ScaledApp, number>, basePort: number): Promise<Partial<Record<ScaledApp, number[]>>> {
  const ports: Partial<Record<ScaledApp, number[]>> = {};
  for (const [a, app] of SCALED_APPS.entries()) {
    ports[app] = [];
    for (let i = 0; i < instances[app]; i++) ports[app].push(basePort === 0 ? await freePort() : basePort + a + 1 + 10 * i);
  }
  return ports;
}
