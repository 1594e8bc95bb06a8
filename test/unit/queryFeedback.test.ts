import * as assert from 'node:assert/strict';
import { isEmptyQuery, noMatchMessage } from '../../src/core/query';

describe('what the search box makes of a query being typed', () => {
  it('treats a field with no value yet as an empty query, so the list does not go blank mid-word', () => {
    for (const typed of ['', '   ', 'au:', 'year:', 'src:  ', 'au: year:']) assert.equal(isEmptyQuery(typed), true, typed);
  });

  it('treats words, filled-in fields, phrases and exclusions as something to search for', () => {
    for (const typed of ['spiking', 'au:lee', 'year:2024', '"neural networks"', '-spiking', 'au: memory']) assert.equal(isEmptyQuery(typed), false, typed);
  });

  it('says which query found nothing, and suggests dropping filters only when there are some', () => {
    const plain = noMatchMessage(' xyzzyqq ');
    assert.equal(plain.title, 'No papers match "xyzzyqq"');
    assert.doesNotMatch(plain.hint, /filter/);
    assert.match(noMatchMessage('au:lee year:2030').hint, /drop a filter/);
  });
});
