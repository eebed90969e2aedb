import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTemplateRegistry } from '@hatago/mail';
import { assertNoticeEscapes } from '@hatago/mail/testing';
import { catalogNotices } from './catalog-notices.ts';

const templates = createTemplateRegistry(catalogNotices);
const SAMPLE = { hotelId: 3, hotelName: 'Inn <&> Spa', from: '2026-12-01', to: '2026-12-31', staff: 'facility-3' };

describe('catalogue notices', () => {
  test('Slack notices escape &, < and > so text cannot mention channels or forge links', () => {
    assertNoticeEscapes(templates, 'facility-inventory-changed', SAMPLE);
    const inventory = templates.render('facility-inventory-changed', SAMPLE, 'en');
    assert.ok(inventory.channel === 'slack');
    assert.equal(inventory.text, 'Inventory changed at Inn &lt;&amp;&gt; Spa (#3) for 2026-12-01 – 2026-12-31 by facility-3');
  });

  test('params are checked against the template\'s schema', () => {
    assert.deepEqual(templates.paramErrors('facility-inventory-changed', SAMPLE), []);
  });
});
