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

/**
 * Bytes of the files under `dir`, leaving out the folder `skip`. Siblings are read together:
 * an artifact's node_modules is thousands of files, and one stat after another took seconds.
 */
async function bytesUnder(dir: string, skip?: string): Promise<number> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => path.join(dir, entry.name) !== skip);
  const sizes = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return bytesUnder(full);
      return entry.isFile() ? (await stat(full)).size : 0;
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** The size of every artifact folder in `distDir`, with its budget; each file is measured once. */
export async function measureArtifacts(distDir: string): Promise<ArtifactSize[]> {
  const folders = (await readdir(distDir, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name));
  return Promise.all(
    folders.map(async (entry) => {
      const dir = path.join(distDir, entry.name);
      const modules = path.join(dir, 'node_modules');
      const [codeBytes, dependencyBytes] = await Promise.all([bytesUnder(dir, modules), bytesUnder(modules).catch(() => 0)]);
      return { name: entry.name, totalBytes: codeBytes + dependencyBytes, dependencyBytes, budgetBytes: (SIZE_BUDGETS_MIB[entry.name] ?? DEFAULT_BUDGET_MIB) * MIB };
    }),
  );
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
