import type { Member, SavedGuest } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert } from '@hatago/web-kit';
import { type AccountForm, accountPage, SAVED_GUESTS_PATH } from './account-views.ts';
import { type Lang, t } from './i18n.ts';
import { type GuestPage, hidden, langField, link } from './page-kit.ts';

const FIELDS = ['name', 'nameLatin', 'phone', 'email'] as const;

export const savedGuestPath = (id: number | string) => `${SAVED_GUESTS_PATH}/${id}`;

/** The fields of one saved guest, as typed or as saved. */
function guestFields(lang: Lang, values: Partial<Record<(typeof FIELDS)[number], string>>, form: AccountForm): SafeHtml {
  const text = t(lang);
  const errors = form.errors ?? [];
  const value = (name: (typeof FIELDS)[number]) => form.values?.[name] ?? values[name] ?? '';
  return html`${formAlert(errors, [...FIELDS])}
  ${field({ name: 'name', label: text.name, value: value('name'), required: true }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: value('nameLatin'), required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: value('phone'), required: true }, errors)}
  ${field({ name: 'email', label: text.emailOptional, type: 'email', value: value('email') }, errors)}`;
}

/** The member's saved guests, each editable and removable, and the form to add one. */
export function savedGuestsPage(lang: Lang, guests: SavedGuest[], form: AccountForm = {}): GuestPage {
  const text = t(lang);
  return accountPage(
    lang,
    { section: SAVED_GUESTS_PATH, path: SAVED_GUESTS_PATH, title: text.savedGuestsTitle, status: form.status, notice: form.notice },
    html`<p>${text.savedGuestsIntro}</p>
${
  guests.length
    ? html`<table>
<thead><tr><th>${text.name}</th><th>${text.nameLatin}</th><th>${text.phone}</th><th>${text.email}</th><th></th></tr></thead>
<tbody>${guests.map(
        (g) => html`<tr data-testid="saved-guest">
  <td>${g.name}</td><td>${g.nameLatin}</td><td>${g.phone}</td><td>${g.email || text.noEmail}</td>
  <td><a href="${link(savedGuestPath(g.id), {}, lang)}" aria-label="${text.editNamed(g.name)}">${text.edit}</a>
  <form class="inline-form" method="post" action="${savedGuestPath(g.id)}/delete">${langField(lang)}<button class="secondary" type="submit" aria-label="${text.removeNamed(g.name)}">${text.remove}</button></form></td>
</tr>`,
      )}</tbody>
</table>`
    : html`<p data-testid="no-saved-guests">${text.noSavedGuests}</p>`
}
<h2>${text.addSavedGuest}</h2>
<form class="stack" method="post" action="${SAVED_GUESTS_PATH}">
  ${guestFields(lang, {}, form)}
  ${langField(lang)}
  <button type="submit">${text.add}</button>
</form>`,
  );
}

export function savedGuestEditPage(lang: Lang, guest: SavedGuest, form: AccountForm = {}): GuestPage {
  const text = t(lang);
  return accountPage(
    lang,
    { section: SAVED_GUESTS_PATH, path: savedGuestPath(guest.id), title: text.editSavedGuest, status: form.status },
    html`<form class="stack" method="post" action="${savedGuestPath(guest.id)}">
  ${guestFields(lang, guest, form)}
  ${langField(lang)}
  <button type="submit">${text.save}</button>
</form>
<p><a href="${link(SAVED_GUESTS_PATH, {}, lang)}">${text.backToSavedGuests}</a></p>`,
  );
}

/**
 * The contact fields a booking form opens with for a member: a saved guest's when one was
 * chosen (their address, or the member's when they have none), the member's own otherwise.
 */
export function contactOf(member: Member, guest: SavedGuest | undefined): Record<'name' | 'nameLatin' | 'email' | 'phone', string> {
  if (!guest) return { name: member.name, nameLatin: member.nameLatin, email: member.email, phone: member.phone };
  return { name: guest.name, nameLatin: guest.nameLatin, email: guest.email || member.email, phone: guest.phone };
}

/**
 * A booking form's choice of whom to fill the guest fields with: a GET form back to the
 * same page carrying its parameters, so it works without script. Nothing when the member
 * has saved nobody.
 */
export function savedGuestPicker(lang: Lang, page: { action: string; params: Record<string, string | number | undefined>; member: Member; guests: SavedGuest[]; chosen?: SavedGuest }): SafeHtml {
  if (!page.guests.length) return html``;
  const text = t(lang);
  return html`<form class="saved-guest-picker" method="get" action="${page.action}" data-testid="saved-guest-picker">
  <fieldset><legend>${text.fillWithSavedGuest}</legend>
  <label>${text.savedGuest}<select name="savedGuest">
    <option value="">${text.yourself(page.member.name)}</option>
    ${page.guests.map((g) => html`<option value="${g.id}"${g.id === page.chosen?.id ? html` selected` : ''}>${g.name} (${g.nameLatin})</option>`)}
  </select></label>
  ${hidden(page.params)}${langField(lang)}
  <button class="secondary" type="submit">${text.fillIn}</button></fieldset>
</form>`;
}

/** The saved guests a signed-in member may fill a booking form with, and the one they chose. */
export interface SavedGuestChoice {
  guests: SavedGuest[];
  chosen?: SavedGuest;
}
