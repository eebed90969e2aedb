import http from 'node:http';
import type { ProcessStatus } from './supervised-process.ts';

export interface ClusterStatus {
  edge: string;
  processes: ProcessStatus[];
}

function request(socketPath: string, method: string, path: string, onChunk?: (text: string) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        onChunk?.(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Talks to a running supervisor through its control socket. */
export class ClusterControl {
  constructor(readonly socketPath: string) {}

  async status(): Promise<ClusterStatus> {
    const { status, body } = await request(this.socketPath, 'GET', '/status');
    if (status !== 200) throw new Error(`status: ${status} ${body}`);
    return JSON.parse(body) as ClusterStatus;
  }

  /** Rolls an app (or all); resolves when done, rejects if the roll failed or was refused. */
  async roll(target: string, onProgress: (text: string) => void = () => undefined): Promise<void> {
    const { status, body } = await request(this.socketPath, 'POST', `/roll/${target}`, onProgress);
    if (status !== 200 || !body.endsWith('done\n')) throw new Error(`roll ${target} failed: ${body.trim().split('\n').pop()}`);
  }
}
