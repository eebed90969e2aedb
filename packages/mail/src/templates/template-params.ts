import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import type { Template } from './template.ts';

export interface ParamError {
  path: string;
  message: string;
}

// keyed by schema so a template is compiled once, whether the registry or an enqueue meets it first
const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();

export function compiledCheck(template: Template): TypeCheck<TSchema> {
  let check = checks.get(template.params);
  if (!check) checks.set(template.params, (check = TypeCompiler.Compile(template.params)));
  return check;
}

/** Each problem in `params` as a path and message, empty when the template accepts them. */
export function templateParamErrors(template: Template, params: unknown): ParamError[] {
  const check = compiledCheck(template);
  // the compiled check is fast; listing errors walks the value the slow way, so only on failure
  if (check.Check(params)) return [];
  return [...check.Errors(params)].slice(0, 10).map((e) => ({ path: e.path, message: e.message }));
}
