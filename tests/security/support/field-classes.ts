import type { FuzzCase } from './openapi-cases.ts';

/**
 * A field's class: its label with every number in it generalised. The rate grid's cells
 * (`price_12_2026-12-20`, one per plan and day, ~950 fields in one form) are one class each,
 * read by the same parser: eight values in every cell made three quarters of the fuzzer's time
 * and found nothing a few values across the class do not.
 */
export const fieldClassOf = (label: string) => label.replace(/\d+/g, ':n');

/**
 * How many values to send into each case: `perClass` spread over the cases of its class,
 * at least one each, so every field is still fuzzed and every class gets `perClass` or more.
 */
export function valuesPerCase(cases: FuzzCase[], perClass: number): Map<FuzzCase, number> {
  const classSizes = new Map<string, number>();
  for (const fuzzCase of cases) {
    const key = fieldClassOf(fuzzCase.label);
    classSizes.set(key, (classSizes.get(key) ?? 0) + 1);
  }
  return new Map(cases.map((fuzzCase) => [fuzzCase, Math.max(1, Math.ceil(perClass / classSizes.get(fieldClassOf(fuzzCase.label))!))]));
}
