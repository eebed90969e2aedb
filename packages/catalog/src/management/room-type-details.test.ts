import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import { BED_TYPE_CODES, BED_TYPES, bedTypeOf, ROOM_VIEW_CODES, ROOM_VIEWS, roomViewOf } from '../hotels/room-details.ts';
import { parseRoomTypeInput } from './room-types.ts';

const good = { nameJa: '和室', nameEn: 'Japanese room', capacity: '4', sizeSqm: '48', bedType: 'futon-on-tatami', view: 'mountain', descriptionJa: '檜の内風呂付き', descriptionEn: 'With a cypress bath' };

const fieldsOf = (form: Record<string, unknown>): string[] => {
  try {
    parseRoomTypeInput(form);
  } catch (error) {
    assert.ok(error instanceof DomainError && error.kind === 'invalid', String(error));
    return error.fields.map((f) => f.field);
  }
  return [];
};

describe('room type details', () => {
  it('reads bed type, size, view and both descriptions', () => {
    assert.deepEqual(parseRoomTypeInput(good), {
      nameJa: '和室',
      nameEn: 'Japanese room',
      capacity: 4,
      sizeSqm: 48,
      bedType: 'futon-on-tatami',
      view: 'mountain',
      descriptionJa: '檜の内風呂付き',
      descriptionEn: 'With a cypress bath',
    });
  });

  it('leaves the view and the descriptions optional, never the bed type', () => {
    const parsed = parseRoomTypeInput({ ...good, view: '', descriptionJa: '', descriptionEn: undefined });
    assert.deepEqual([parsed.view, parsed.descriptionJa, parsed.descriptionEn], [null, '', '']);
    assert.deepEqual(fieldsOf({ ...good, bedType: '' }), ['bedType']);
    assert.deepEqual(fieldsOf({ ...good, bedType: undefined }), ['bedType']);
  });

  it('names every bad field: a size outside 10–500 m², a bed type or view off the list', () => {
    assert.deepEqual(fieldsOf({ ...good, sizeSqm: '9' }), ['sizeSqm']);
    assert.deepEqual(fieldsOf({ ...good, sizeSqm: '501' }), ['sizeSqm']);
    assert.deepEqual(fieldsOf({ ...good, sizeSqm: '10' }), []);
    assert.deepEqual(fieldsOf({ ...good, sizeSqm: '500' }), []);
    assert.deepEqual(fieldsOf({ ...good, sizeSqm: '40.5', bedType: 'hammock', view: 'moon' }), ['sizeSqm', 'bedType', 'view']);
    assert.deepEqual(fieldsOf({ ...good, bedType: ['twin', 'king'], view: 'toString' }), ['bedType', 'view']);
    assert.deepEqual(fieldsOf({ ...good, descriptionEn: 'x'.repeat(2001) }), ['descriptionEn']);
  });

  it('labels every code in both languages, and reads a code it does not know as not stated', () => {
    for (const code of BED_TYPE_CODES) assert.ok(BED_TYPES[code].ja && BED_TYPES[code].en, code);
    for (const code of ROOM_VIEW_CODES) assert.ok(ROOM_VIEWS[code].ja && ROOM_VIEWS[code].en, code);
    assert.deepEqual(BED_TYPE_CODES.slice().sort(), ['double', 'futon-on-tatami', 'king', 'queen', 'twin']);
    assert.deepEqual(ROOM_VIEW_CODES.slice().sort(), ['city', 'garden', 'mountain', 'none', 'sea']);
    assert.equal(bedTypeOf('waterbed'), null);
    assert.equal(bedTypeOf(null), null);
    assert.equal(roomViewOf('constructor'), null);
    assert.equal(roomViewOf('sea'), 'sea');
  });
});
