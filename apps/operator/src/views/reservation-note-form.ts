import { NOTE_MAX } from '@hatago/booking';
import { can, type StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { formAlert, textArea } from '@hatago/web-kit';

/** What a refused note brings back to the page: the text as typed, and why. */
export interface NoteForm {
  note: string;
  errors: FieldError[];
}

/** The form for a staff note, a stay's or a table's, for those who may write one. */
export function noteForm(staff: StaffAccount, code: string, form: NoteForm = { note: '', errors: [] }): SafeHtml {
  if (!can(staff, 'reservations.note')) return html``;
  return html`<section class="card" id="note"><h2>Internal note</h2>
${formAlert(form.errors, ['note'])}
<form class="stack" method="post" action="/operator/reservations/${encodeURIComponent(code)}/notes">
  ${textArea({ name: 'note', label: 'For the staff only; never shown to the guest. Notes cannot be edited: correct one with another.', value: form.note, maxLength: NOTE_MAX, required: true }, form.errors)}
  <button type="submit">Add note</button>
</form></section>`;
}
