declare const declared: unique symbol;

/**
 * A stable machine-readable error code: API clients branch on it in problem+json `code`, so
 * its value never changes. Only `defineErrorCodes` makes one, so a code typed inline at a throw
 * site does not compile; every code lives in its package's one `*-errors.ts`, where
 * tests/error-codes.test.ts checks it is unique and used.
 */
export type ErrorCode<Code extends string = string> = Code & { readonly [declared]: true };

/** `defineErrorCodes('SOLD_OUT')` gives `{ SOLD_OUT: 'SOLD_OUT' }`: the name is the value, so the two cannot drift apart. */
export function defineErrorCodes<const Codes extends readonly string[]>(...codes: Codes): { readonly [Code in Codes[number]]: ErrorCode<Code> } {
  return Object.freeze(Object.fromEntries(codes.map((code) => [code, code]))) as { readonly [Code in Codes[number]]: ErrorCode<Code> };
}
