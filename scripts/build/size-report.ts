import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_BUDGET_MIB, SIZE_BUDGETS_MIB } from './size-budgets.ts';

export interface ArtifactSize {
  name: string;
  /** Everything in dist/<name>/. */
  totalBytes: number;
  /** The part in node_modules/. */
  dependencyBytes: number;
  budgetBytes: number;
}

const MIB = 1024 * 1024;

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await bytesUnder(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

/** The size of every artifact folder in `distDir`, with its budget. */
export async function measureArtifacts(distDir: string): Promise<ArtifactSize[]> {
  const sizes: ArtifactSize[] = [];
  for (const entry of (await readdir(distDir, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(distDir, entry.name);
    const modules = path.join(dir, 'node_modules');
    sizes.push({
      name: entry.name,
      totalBytes: await bytesUnder(dir),
      dependencyBytes: await bytesUnder(modules).catch(() => 0),
      budgetBytes: (SIZE_BUDGETS_MIB[entry.name] ?? DEFAULT_BUDGET_MIB) * MIB,
    });
  }
  return sizes;
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/** One line per artifact: total, code, dependencies, budget and how much of it is used. */
export function formatSizeReport(sizes: ArtifactSize[]): string {
  const rows = sizes.map((s) => [
    s.name,
    mib(s.totalBytes),
    mib(s.totalBytes - s.dependencyBytes),
    mib(s.dependencyBytes),
    mib(s.budgetBytes),
    `${Math.round((100 * s.totalBytes) / s.budgetBytes)}%${s.totalBytes > s.budgetBytes ? ' OVER' : ''}`,
  ]);
  const table = [['artifact', 'total', 'code', 'node_modules', 'budget', 'used'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** The artifacts over their budget, as one line each. */
export const overBudget = (sizes: ArtifactSize[]): string[] =>
  sizes.filter((s) => s.totalBytes > s.budgetBytes).map((s) => `${s.name}: ${mib(s.totalBytes)} is over its budget of ${mib(s.budgetBytes)}`);
