import type { InjectOptions } from 'fastify';
import { urlEncode } from './apps-under-attack.ts';

/** One field of one route, and how to send a request with a given value in it. */
export interface FuzzCase {
  label: string;
  /** Headers cannot carry every character; their values are drawn from what HTTP allows. */
  inHeader?: boolean;
  request(value: string): InjectOptions;
}

interface Schema {
  type?: string;
  minimum?: number;
  anyOf?: Schema[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
}
interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/**
 * A value the route accepts, so the fuzzed field is the only wrong one and gets as deep
 * as it can: `known` names (a real code, a future date, a fresh key each time) first,
 * then the schema's type.
 */
function plausible(name: string, schema: Schema, known: Record<string, unknown>): unknown {
  if (name in known) return typeof known[name] === 'function' ? (known[name] as () => unknown)() : known[name];
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, s]) => [key, plausible(key, s, known)]));
  if (schema.anyOf) return plausible(name, schema.anyOf[0]!, known);
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  return 'x';
}

/** Paths of every string-or-scalar leaf of a body schema, `guest.name` style. */
const leavesOf = (schema: Schema, prefix: string[] = []): string[][] =>
  schema.properties ? Object.entries(schema.properties).flatMap(([key, s]) => leavesOf(s, [...prefix, key])) : [prefix];

function withLeaf(body: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
  const [head, ...rest] = path;
  return { ...body, [head!]: rest.length ? withLeaf(body[head!] as Record<string, unknown>, rest, value) : value };
}

/** A case for every parameter and every body field of every operation in an OpenAPI document. */
export function openApiCases(document: { paths: Record<string, Record<string, Operation>> }, known: Record<string, unknown>): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const baseline = () => ({
        values: Object.fromEntries(parameters.map((p) => [`${p.in}:${p.name}`, String(plausible(p.name, p.schema, known))])),
        body: bodySchema ? (plausible('', bodySchema, known) as Record<string, unknown>) : undefined,
      });
      const build = (values: Record<string, string>, body: unknown): InjectOptions => {
        const of = (where: string) => parameters.filter((p) => p.in === where);
        const path = of('path').reduce((url, p) => url.replace(`{${p.name}}`, urlEncode(values[`path:${p.name}`]!)), template);
        const query = of('query').map((p) => `${urlEncode(p.name)}=${urlEncode(values[`query:${p.name}`]!)}`).join('&');
        const headers = Object.fromEntries(of('header').map((p) => [p.name, values[`header:${p.name}`]!]));
        return {
          method: method.toUpperCase() as InjectOptions['method'],
          url: query ? `${path}?${query}` : path,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        };
      };
      for (const parameter of parameters) {
        const key = `${parameter.in}:${parameter.name}`;
        cases.push({
          label: `${method.toUpperCase()} ${template} ${key}`,
          inHeader: parameter.in === 'header',
          request: (value) => {
            const { values, body } = baseline();
            return build({ ...values, [key]: value }, body);
          },
        });
      }
      for (const leaf of bodySchema ? leavesOf(bodySchema) : []) {
        cases.push({
          label: `${method.toUpperCase()} ${template} body.${leaf.join('.')}`,
          request: (value) => {
            const { values, body } = baseline();
            return build(values, withLeaf(body!, leaf, value));
          },
        });
      }
    }
  }
  return cases;
}
