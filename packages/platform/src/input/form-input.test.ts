import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldErrors } from '../errors/domain-error.ts';
import { readDate, readEmail, readFields, readInteger, readText, readTimeOfDay } from './form-input.ts';

const fieldsOf = (errors: FieldErrors) => errors.list.map((e) => e.field);

describe('form readers', () => {
  it('refuses text carrying NUL, which PostgreSQL cannot store or compare', () => {
    const errors = new FieldErrors();
    readText(errors, { name: 'Sea\u0000view' }, 'name', { label: 'Name', max: 100 });
    readText(errors, { note: 'fine' }, 'note', { label: 'Note', max: 100 });
    const form = readFields({ code: 'HT\u0000', email: 'a@example.com' }, ['code', 'email'] as const, errors);
    assert.deepEqual(fieldsOf(errors), ['name', 'code']);
    assert.equal(form.email, 'a@example.com');
  });

  it('reports a repeated parameter as one field error instead of failing', () => {
    const errors = new FieldErrors();
    const form = readFields({ code: ['A', 'B'] }, ['code'] as const, errors);
    assert.deepEqual(fieldsOf(errors), ['code']);
    assert.equal(form.code, '');
  });

  it('keeps integers and dates inside what the database accepts', () => {
    const errors = new FieldErrors();
    readInteger(errors, { n: '99999999999' }, 'n', { label: 'N', min: 0, max: 10 });
    readInteger(errors, { n: '1e3' }, 'n', { label: 'N', min: 0, max: 10_000 });
    readDate(errors, { d: '2026-02-30' }, 'd', { label: 'D' });
    readDate(errors, { d: '0000-01-01' }, 'd', { label: 'D' });
    assert.deepEqual(fieldsOf(errors), ['n', 'n', 'd', 'd']);
  });

  it('reads email addresses and times of day, refusing what only looks like one', () => {
    const errors = new FieldErrors();
    assert.equal(readEmail(errors, { e: ' Front.Desk+kyoto@hotel.example ' }, 'e', { label: 'Email' }), 'Front.Desk+kyoto@hotel.example');
    assert.equal(readEmail(errors, { e: '' }, 'e', { label: 'Email', optional: true }), null);
    assert.equal(readTimeOfDay(errors, { t: '09:05' }, 't', { label: 'Time' }), '09:05');
    assert.deepEqual(fieldsOf(errors), []);
    for (const bad of ['frontdesk', 'a@b', 'a b@hotel.example', `${'a'.repeat(250)}@x.example`]) readEmail(errors, { e: bad }, 'e', { label: 'Email' });
    readEmail(errors, {}, 'e', { label: 'Email' });
    for (const bad of ['24:00', '9:05', '12:60', '12.30', '']) readTimeOfDay(errors, { t: bad }, 't', { label: 'Time' });
    assert.deepEqual(fieldsOf(errors), ['e', 'e', 'e', 'e', 'e', 't', 't', 't', 't', 't']);
  });
});
