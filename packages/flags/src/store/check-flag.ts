import { invalid, type FieldError } from '@hatago/platform/errors';
import { hasDisallowedCharacter } from '@hatago/platform/input';
import { isValidDate } from '@hatago/platform/time';
import { FLAG_KEY_MAX_LENGTH, FLAG_KEY_PATTERN, type FlagDefinition, type FlagEnvironmentRule } from '../definition/flag-definition.ts';
import { FlagsErrors } from '../flags-errors.ts';

export const ENVIRONMENT_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
export const PREVIEW_VALUE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MAX_PREVIEW_VALUES = 20;
export const MAX_ENVIRONMENTS = 20;
export const DESCRIPTION_MAX_LENGTH = 500;
export const OWNER_MAX_LENGTH = 200;

export type FlagCheck = { ok: true; flag: FlagDefinition } | { ok: false; errors: FieldError[] };

const FIELDS = ['key', 'description', 'owner', 'expiresOn', 'environments'];
const RULE_FIELDS = ['enabled', 'percent', 'allow'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** `$.environments` + `production` → `$.environments.production`; a name that is no identifier is quoted. */
const member = (path: string, name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`);
// hundredths held exactly: 12.34 * 100 is 1233.9999999999998, so compare against the rounded value
const twoDecimals = (value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

function checkText(errors: FieldError[], value: unknown, field: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: 'is required' });
  else if (value.length > max) errors.push({ field, message: `must be at most ${max} characters` });
  // the HTTP apps refuse these already; a definition from anywhere else must not put one in jsonb (NUL fails the write)
  else if (hasDisallowedCharacter(value)) errors.push({ field, message: 'must not contain control characters or invalid text' });
}

function checkRule(errors: FieldError[], value: unknown, at: string): void {
  if (!isObject(value)) {
    errors.push({ field: at, message: 'must be an object with enabled, percent and allow' });
    return;
  }
  for (const name of Object.keys(value)) if (!RULE_FIELDS.includes(name)) errors.push({ field: member(at, name), message: 'is not a field of an environment rule' });
  if (typeof value.enabled !== 'boolean') errors.push({ field: `${at}.enabled`, message: 'must be true or false' });
  const percent = value.percent;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) errors.push({ field: `${at}.percent`, message: 'must be a number from 0 to 100' });
  else if (!twoDecimals(percent)) errors.push({ field: `${at}.percent`, message: 'must have at most two decimals' });
  const allow = value.allow;
  if (!Array.isArray(allow)) {
    errors.push({ field: `${at}.allow`, message: 'must be a list of preview values' });
    return;
  }
  if (allow.length > MAX_PREVIEW_VALUES) errors.push({ field: `${at}.allow`, message: `must list at most ${MAX_PREVIEW_VALUES} preview values` });
  allow.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || !PREVIEW_VALUE_PATTERN.test(item)) errors.push({ field: `${at}.allow[${i}]`, message: 'must be 1 to 64 letters, digits, _ . or -' });
  });
}

function checkEnvironments(errors: FieldError[], value: unknown): void {
  const at = '$.environments';
  if (!isObject(value)) {
    errors.push({ field: at, message: 'must be an object of environment rules' });
    return;
  }
  const names = Object.keys(value);
  if (names.length > MAX_ENVIRONMENTS) errors.push({ field: at, message: `must name at most ${MAX_ENVIRONMENTS} environments` });
  for (const name of names) {
    if (!ENVIRONMENT_PATTERN.test(name)) errors.push({ field: member(at, name), message: 'must be named by a lowercase letter, then up to 31 lowercase letters, digits or -' });
    checkRule(errors, value[name], member(at, name));
  }
}

/**
 * Checks a flag definition from a form or the API: every error at once, each with the path
 * it is about. Reads the value defensively, so one broken part does not hide another.
 */
export function checkFlagDefinition(value: unknown, options: { key?: string } = {}): FlagCheck {
  if (!isObject(value)) return { ok: false, errors: [{ field: '$', message: 'must be an object' }] };
  const errors: FieldError[] = [];
  for (const name of Object.keys(value)) if (!FIELDS.includes(name)) errors.push({ field: member('$', name), message: 'is not a field of a flag' });
  const key = value.key;
  // a key is what code and the edge name: a rename is a new flag (and the old one deleted)
  if (options.key !== undefined && key !== options.key) errors.push({ field: '$.key', message: `cannot change (${options.key}): create a new flag instead` });
  else if (typeof key !== 'string' || !FLAG_KEY_PATTERN.test(key) || key.length > FLAG_KEY_MAX_LENGTH) {
    errors.push({ field: '$.key', message: `must be kebab-case (lowercase letters and digits joined by single -), at most ${FLAG_KEY_MAX_LENGTH} characters` });
  }
  checkText(errors, value.description, '$.description', DESCRIPTION_MAX_LENGTH);
  checkText(errors, value.owner, '$.owner', OWNER_MAX_LENGTH);
  if (typeof value.expiresOn !== 'string' || !isValidDate(value.expiresOn)) errors.push({ field: '$.expiresOn', message: 'must be a date, YYYY-MM-DD' });
  checkEnvironments(errors, value.environments);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, flag: normalised(value as unknown as FlagDefinition) };
}

/** Exactly the fields of a definition, in one order: what is stored is what every reader evaluates. */
function normalised(flag: FlagDefinition): FlagDefinition {
  const environments: Record<string, FlagEnvironmentRule> = {};
  for (const name of Object.keys(flag.environments).sort()) {
    const rule = flag.environments[name]!;
    environments[name] = { enabled: rule.enabled, percent: rule.percent, allow: [...rule.allow] };
  }
  return { key: flag.key, description: flag.description, owner: flag.owner, expiresOn: flag.expiresOn, environments };
}

/** The definition, or every error thrown at once as INVALID_FEATURE_FLAG. */
export function requireValidFlag(value: unknown, options: { key?: string } = {}): FlagDefinition {
  const check = checkFlagDefinition(value, options);
  if (!check.ok) throw invalid(FlagsErrors.INVALID_FEATURE_FLAG, check.errors, 'The flag has errors');
  return check.flag;
}
