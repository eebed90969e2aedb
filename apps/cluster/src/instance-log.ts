import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Passes a child's output lines through to one shared stream, naming the instance: JSON
 * lines gain an `instance` field (spliced in, not parsed, so a busy instance costs the
 * supervisor almost nothing), other lines are prefixed with `[guest-1]`.
 */
export function forwardLines(input: Readable, output: Writable, instanceId: string, onLine?: (line: string) => void): void {
  const field = `{"instance":${JSON.stringify(instanceId)},`;
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
    onLine?.(line);
    if (line.startsWith('{"')) output.write(`${field}${line.slice(1)}\n`);
    else if (line.length > 0) output.write(`[${instanceId}] ${line}\n`);
  });
}
