import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number' | 'hidden';
  value?: string | number | null;
  required?: boolean;
  attrs?: { min?: string | number; max?: string | number; autocomplete?: string; placeholder?: string };
}

/** Finds the message for a field; domain errors may name it with a prefix (`guest.email`). */
export function errorFor(errors: FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name || e.field.endsWith(`.${name}`))?.message;
}

/** A labelled input that shows its own error and keeps what the user typed. */
export function field(spec: FieldSpec, errors: FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  const a = spec.attrs ?? {};
  const input = html`<input name="${spec.name}" type="${spec.type ?? 'text'}" value="${spec.value ?? ''}"${
    spec.required ? html` required` : ''
  }${a.min !== undefined ? html` min="${a.min}"` : ''}${a.max !== undefined ? html` max="${a.max}"` : ''}${
    a.autocomplete ? html` autocomplete="${a.autocomplete}"` : ''
  }${a.placeholder ? html` placeholder="${a.placeholder}"` : ''}${error ? html` aria-invalid="true"` : ''}>`;
  if (spec.type === 'hidden') return input;
  return html`<label class="${error ? 'field-error' : ''}">${spec.label}${input}${
    error ? html`<span class="error-text">${error}</span>` : ''
  }</label>`;
}

/** A labelled multi-line field, with its own error, keeping what the user typed. */
export function textArea(spec: { name: string; label: string; value?: string | null; maxLength: number; required?: boolean }, errors: FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  return html`<label class="${error ? 'field-error' : ''}">${spec.label}<textarea name="${spec.name}" maxlength="${spec.maxLength}"${spec.required ? html` required` : ''}${
    error ? html` aria-invalid="true"` : ''
  }>${spec.value ?? ''}</textarea>${error ? html`<span class="error-text">${error}</span>` : ''}</label>`;
}

export function select(
  spec: { name: string; label: string; value?: string | number; options: Array<{ value: string | number; label: string }> },
  errors: FieldError[] = [],
): SafeHtml {
  const error = errorFor(errors, spec.name);
  return html`<label class="${error ? 'field-error' : ''}">${spec.label}<select name="${spec.name}"${error ? html` aria-invalid="true"` : ''}>${spec.options.map(
    (o) => html`<option value="${o.value}"${String(o.value) === String(spec.value ?? '') ? html` selected` : ''}>${o.label}</option>`,
  )}</select>${error ? html`<span class="error-text">${error}</span>` : ''}</label>`;
}

/** Errors that belong to no visible field, shown above the form. */
export function formAlert(errors: FieldError[], visibleFields: string[]): SafeHtml {
  const rest = errors.filter((e) => !visibleFields.some((f) => e.field === f || e.field.endsWith(`.${f}`)));
  return rest.length ? html`<div class="alert" role="alert">${rest.map((e) => html`<div>${e.message}</div>`)}</div>` : html``;
}

export const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;
