import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGE_FORMAT_ACCEPT, imageFormatClass } from './image-format.ts';

describe('imageFormatClass', () => {
  it('reads what browsers send', () => {
    assert.equal(imageFormatClass('image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'), 'avif'); // Chrome
    assert.equal(imageFormatClass('image/webp,*/*'), 'webp'); // older Firefox
    assert.equal(imageFormatClass('image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5'), 'other'); // old Safari
    assert.equal(imageFormatClass('*/*'), 'other');
    assert.equal(imageFormatClass(undefined), 'other');
    assert.equal(imageFormatClass(''), 'other');
  });

  it('honours q=0 and any q above it, in any case and spacing', () => {
    assert.equal(imageFormatClass('image/avif;q=0, image/webp'), 'webp');
    assert.equal(imageFormatClass('image/avif ; q=0.000, image/webp;q=0'), 'other');
    assert.equal(imageFormatClass('image/webp;q=0.10'), 'webp');
    assert.equal(imageFormatClass('IMAGE/AVIF;Q=1.0'), 'avif');
    assert.equal(imageFormatClass(['text/html', 'image/webp']), 'webp');
  });

  it('does not take a longer type for the one named', () => {
    assert.equal(imageFormatClass('image/avif-sequence, image/webpx'), 'other');
  });

  it('maps the value it stands for back to its own class', () => {
    for (const [format, accept] of Object.entries(IMAGE_FORMAT_ACCEPT)) assert.equal(imageFormatClass(accept), format);
  });
});
