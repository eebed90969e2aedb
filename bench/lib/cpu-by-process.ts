import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used by each process on the machine, by pid, with the name of its role. */
export type CpuSnapshot = Map<number, { role: string; seconds: number }>;

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** What a process is, for the table: the Hatago service it runs, or its program's name. */
function roleOf(cmdline: string[], comm: string): string {
  const joined = cmdline.join(' ');
  // the entry point comes after any preloads (the cluster's children load apps/cluster/… first)
  const service = [...joined.matchAll(/(?:apps|dist)\/(edge|guest|facility|operator|mailer|cluster|embedded)\//g)].at(-1)?.[1];
  if (service) return service;
  // the bench's own process: the load generator, and on the direct paths the booking code too
  if (/\bbench\/[\w-]+\.ts\b/.test(joined)) return 'bench process';
  if (comm === 'postgres' || comm.startsWith('postgres')) return 'postgres';
  if (comm.startsWith('redis')) return 'redis';
  if (comm === 'pgbench') return 'pgbench';
  return comm;
}

export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // the command name is in parentheses and may itself hold spaces or parentheses
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // utime + stime, plus cutime + cstime: the CPU of children it has reaped, so a PostgreSQL
      // backend that ended during the run still counts (under the postmaster)
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      snapshot.set(pid, { role: roleOf(cmdline, comm), seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return snapshot;
}

/** CPU seconds spent per role between two snapshots; a process that ended counts under its parent. */
export function cpuSpentByRole(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [pid, now] of after) {
    const used = now.seconds - (before.get(pid)?.seconds ?? 0);
    if (used > 0) spent.set(now.role, (spent.get(now.role) ?? 0) + used);
  }
  return spent;
}
