/** A long list in slices, so one statement never carries more parameters than PostgreSQL takes (65,535). */
export function* inChunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
