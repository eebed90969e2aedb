import type { FlagDefinition, StoredFlag } from '@hatago/flags';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, textArea } from '@hatago/web-kit';

export const FLAGS_PATH = '/operator/flags';
/** The environments every form offers, whether or not the flag has a rule for them yet. */
export const STANDARD_ENVIRONMENTS = ['development', 'staging', 'production'];

export interface EnvironmentRow {
  name: string;
  enabled: boolean;
  percent: string;
  allow: string;
}

/** A flag form as typed: kept as text, so a refused form shows exactly what was entered. */
export interface FlagForm {
  key: string;
  description: string;
  owner: string;
  expiresOn: string;
  environments: EnvironmentRow[];
  /** The version the editor saw; absent when creating. */
  version?: number;
}

/**
 * The environments to show for these definitions, the standard ones first, then the rest by
 * name: jsonb keeps an object's keys in an order of its own (shortest first).
 */
export const environmentNames = (definitions: FlagDefinition[], all = true): string[] => {
  const defined = new Set(definitions.flatMap((d) => Object.keys(d.environments)));
  return [...STANDARD_ENVIRONMENTS.filter((name) => all || defined.has(name)), ...[...defined].filter((name) => !STANDARD_ENVIRONMENTS.includes(name)).sort()];
};

const envField = (name: string, part: string) => `env.${name}.${part}`;

export const emptyFlagForm = (): FlagForm => ({
  key: '',
  description: '',
  owner: '',
  expiresOn: '',
  environments: STANDARD_ENVIRONMENTS.map((name) => ({ name, enabled: false, percent: '0', allow: '' })),
});

export function flagFormOf({ definition, version }: StoredFlag): FlagForm {
  const names = environmentNames([definition]);
  return {
    key: definition.key,
    description: definition.description,
    owner: definition.owner,
    expiresOn: definition.expiresOn,
    version,
    environments: names.map((name) => {
      const rule = definition.environments[name];
      return { name, enabled: rule?.enabled ?? false, percent: String(rule?.percent ?? 0), allow: rule?.allow.join(', ') ?? '' };
    }),
  };
}

type Body = Record<string, unknown>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** The form as posted, and the definition it asks for (checked by the flags module, not here). */
export function parseFlagForm(body: Body, key?: string): { form: FlagForm; definition: Record<string, unknown> } {
  const names = [...new Set(Object.keys(body).flatMap((name) => /^env\.([^.]+)\.percent$/.exec(name)?.[1] ?? []))];
  const version = Number(text(body, 'version'));
  const form: FlagForm = {
    key: key ?? text(body, 'key'),
    description: text(body, 'description'),
    owner: text(body, 'owner'),
    expiresOn: text(body, 'expiresOn'),
    environments: names.map((name) => ({
      name,
      enabled: body[envField(name, 'enabled')] !== undefined,
      percent: text(body, envField(name, 'percent')),
      allow: text(body, envField(name, 'allow')),
    })),
    ...(Number.isInteger(version) && version > 0 ? { version } : {}),
  };
  const environments = Object.fromEntries(
    form.environments.map((row) => [row.name, { enabled: row.enabled, percent: row.percent === '' ? undefined : Number(row.percent), allow: row.allow.split(/[\s,]+/).filter(Boolean) }]),
  );
  const definition: Omit<FlagDefinition, 'environments'> & { environments: unknown } = { key: form.key, description: form.description, owner: form.owner, expiresOn: form.expiresOn, environments };
  return { form, definition };
}

/** The module's paths (`$.environments.production.allow[2]`) as the form's field names (`env.production.allow`). */
export const formErrorsOf = (errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({
    ...e,
    field: e.field
      .replace(/^\$\.environments(?:\.([\w$]+)|\["([^"]+)"\])\./, (_, plain: string | undefined, quoted: string | undefined) => `env.${plain ?? quoted}.`)
      .replace(/\[\d+\]$/, '')
      .replace(/^\$\./, ''),
  }));

const VISIBLE = (form: FlagForm) => ['key', 'description', 'owner', 'expiresOn', ...form.environments.flatMap((row) => ['enabled', 'percent', 'allow'].map((part) => envField(row.name, part)))];

function environmentRows(form: FlagForm, errors: FieldError[]): SafeHtml {
  return html`<table class="environments"><thead><tr><th>Environment</th><th>Enabled</th><th>Percent of visitors (0–100)</th><th>Preview values (<code>?preview=</code>, comma-separated)</th></tr></thead>
<tbody>${form.environments.map(
    (row) => html`<tr><th scope="row">${row.name}</th>
  <td><label class="check"><input type="checkbox" name="${envField(row.name, 'enabled')}"${row.enabled ? html` checked` : ''}> on</label></td>
  <td>${field({ name: envField(row.name, 'percent'), label: '', value: row.percent }, errors)}</td>
  <td>${field({ name: envField(row.name, 'allow'), label: '', value: row.allow }, errors)}</td></tr>`,
  )}</tbody></table>`;
}

/** The create and edit form: every field with its own message, what was typed kept. */
export function flagFormHtml(form: FlagForm, errors: FieldError[], action: string, creating: boolean): SafeHtml {
  return html`${formAlert(errors, VISIBLE(form))}
<form class="stack" method="post" action="${action}">
  ${creating ? field({ name: 'key', label: 'Key (kebab-case, what code and ?preview= name)', value: form.key, required: true, attrs: { placeholder: 'new-search' } }, errors) : ''}
  ${form.version !== undefined ? field({ name: 'version', label: '', type: 'hidden', value: form.version }) : ''}
  ${textArea({ name: 'description', label: 'Description', value: form.description, maxLength: 500, required: true }, errors)}
  ${field({ name: 'owner', label: 'Owner (reminded once it expires)', value: form.owner, required: true }, errors)}
  ${field({ name: 'expiresOn', label: 'Expires on (Asia/Tokyo date)', type: 'date', value: form.expiresOn, required: true }, errors)}
  ${environmentRows(form, errors)}
  <button type="submit">${creating ? 'Create the flag' : 'Save'}</button>
</form>`;
}
