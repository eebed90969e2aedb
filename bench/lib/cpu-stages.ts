import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a process's CPU goes per request, by stage of the edge's request path, read from a
 * V8 CPU profile (`node --cpu-prof`): each sample's self time is given to the stage of the
 * function it was taken in, and only samples inside the measured window count (the
 * profile's clock and process.hrtime are both CLOCK_MONOTONIC). Sampled, so a stage under
 * a microsecond per request is noise; the point is the shape and the largest stages.
 */

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stage and how to know its functions: by the file they are in, or for native ones by name. */
const STAGES: Array<{ stage: string; files?: RegExp; names?: RegExp }> = [
  { stage: 'tracing', files: /@opentelemetry|platform\/src\/tracing/ },
  { stage: 'front door (arrival, request id, checks)', files: /request-path\/(handle-request|front-door-checks|own-answers|rate-limit-check)|routing\/request-view|http\/request-id|node:internal\/crypto/ },
  { stage: 'route', files: /apps\/edge\/src\/routing\// },
  { stage: 'flags and cache key', files: /apps\/edge\/src\/flags\/|http-cache\/src\/cache-key|request-path\/cache-or-pass/ },
  { stage: 'store lookup', files: /http-cache\/src\/(edge-cache|cache-store|cache-state|cached-entry|freshness|request-collapsing)|lru-cache/ },
  { stage: 'access log and metrics', files: /apps\/edge\/src\/admin\/|request-path\/access-record|platform\/src\/metrics|prom-client/ },
  // the send itself, apart: on loopback it also delivers to the client and wakes it, so it costs more
  // per request the more often the client sleeps between answers, i.e. the slower the server (docs/benchmarks.md)
  { stage: 'send syscall (writev)', names: /^writev$/ },
  {
    stage: 'write (headers, body)',
    files: /http-cache\/src\/serve-entry|node:_http_outgoing|node:net|stream_base_commons|streams\/writable|node:buffer/,
    names: /^(writeBuffer|writeUtf8String|writeLatin1String|utf8Write|latin1Write)$/,
  },
  { stage: 'HTTP parsing and Node’s request plumbing', files: /node:_http_server|node:_http_common|node:_http_incoming|streams\/readable|node:events/, names: /^(parse|execute)$/ },
  { stage: 'garbage collection', names: /^\(garbage collector\)$/ },
];
const OTHER = 'other (event loop, timers, promises, …)';
export const STAGE_NAMES = [...STAGES.map((s) => s.stage), OTHER];

function stageOf(frame: CallFrame): string | undefined {
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return undefined;
  for (const { stage, files, names } of STAGES) {
    if (frame.url && files?.test(frame.url)) return stage;
    if (!frame.url && names?.test(frame.functionName)) return stage;
  }
  return OTHER;
}

/** CPU µs per request by stage, over the samples of [fromUs, toUs] (monotonic µs) of the profile(s) written to `dir`. */
export function stageCosts(dir: string, window: { fromUs: number; toUs: number }, requests: number): Map<string, number> {
  const costs = new Map<string, number>(STAGE_NAMES.map((s) => [s, 0]));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const stageById = new Map(profile.nodes.map((node) => [node.id, stageOf(node.callFrame)]));
    let at = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      if (at < window.fromUs || at > window.toUs) continue;
      const stage = stageById.get(profile.samples[i]!);
      if (stage !== undefined) costs.set(stage, costs.get(stage)! + delta);
    }
  }
  for (const [stage, us] of costs) costs.set(stage, us / requests);
  return costs;
}

/** Monotonic µs, on the clock V8's profiles use. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
