import { describe, expect, it } from 'vitest';
import { CATEGORY_SEED } from '../categories/category.seed.js';
import { toConfig } from './target.config.js';
import { listProblems } from './target.lists.js';
import { decodeRegistryCursor, encodeRegistryCursor, registrySearch } from './target.registry.js';
import { TARGET_LIST_SEED } from './target.seed.js';

const known = { categories: ['fraud', 'pyramid', 'porn', 'minors'], platforms: ['weibo', 'qq'] };
const paths = (list: string, values: string[]) => listProblems(list, values, known).map((p) => p.path);
const config = toConfig(
  Object.entries(TARGET_LIST_SEED).flatMap(([list, values]) => values.map((value) => ({ list, value }))),
);

describe('list entries', () => {
  it('accepts every seeded list', () => {
    const all = { categories: CATEGORY_SEED.map((c) => c.code), platforms: Object.keys(config.platforms) };
    for (const [list, values] of Object.entries(TARGET_LIST_SEED))
      expect(listProblems(list, values, all), list).toEqual([]);
  });

  it('names each bad entry by its index, with a message key', () => {
    expect(listProblems('generic', ['domain|t.cn', 'nope|x'], known)).toEqual([
      { path: 'values.1', message: 'field.list_generic_entry' },
    ]);
    expect(paths('generic', ['|x', 'url|', 'phone|+86110', 'app|微信'])).toEqual(['values.0', 'values.1']);
    expect(paths('category_compat', ['porn|minors', 'minors|porn', 'fraud|fraud', 'fraud|x'])).toEqual([
      'values.3',
    ]);
    expect(paths('tracking_param', ['utm_*', 'spm', '*', 'a*b', 'a#', 'x y', 'from'])).toEqual([
      'values.2',
      'values.3',
      'values.4',
      'values.5',
    ]);
    expect(paths('default_handle_platform', [])).toEqual(['values']);
    expect(paths('default_handle_platform', ['qq'])).toEqual([]);
    expect(paths('default_handle_platform', ['wechat'])).toEqual(['values.0']);
    expect(paths('platform:weibo', [])).toEqual(['values']);
    expect(paths('platform:weibo', ['微博', '微博'])).toEqual(['values.1']);
    expect(listProblems('card_cue', ['-'], known)).toEqual([
      { path: 'values.0', message: 'field.list_entry_reserved' },
    ]);
    expect(paths('card_cue', [])).toEqual([]);
  });
});

describe('registry search', () => {
  it('turns a target in any written form into its keys, a URL with its registrable domain', () => {
    expect(registrySearch('HTTPS://WWW.Fake.CN/Pay?utm_source=x&id=1#frag', config)).toEqual({
      keys: ['url|https://www.fake.cn/Pay?id=1', 'domain|fake.cn'],
    });
    for (const phone of ['+86 138-0013-8000', '0086 138 0013 8000', '13800138000', 'phone|+8613800138000'])
      expect(registrySearch(phone, config)).toEqual({ keys: ['phone|+8613800138000'] });
    expect(registrySearch(' domain|Fake.cn ', config)).toEqual({ keys: ['domain|fake.cn'] });
    expect(registrySearch('account|weibo:ABC', config)).toEqual({ keys: ['account|weibo:abc'] });
    expect(registrySearch('phone|+8612345', config)).toEqual({ keys: ['phone|+8612345'] });
  });

  it('searches other text as a lowercase substring; nothing for blank text', () => {
    expect(registrySearch('Fake-Refund', config)).toEqual({ contains: 'fake-refund' });
    expect(registrySearch('12345', config)).toEqual({ contains: '12345' });
    expect(registrySearch('ＡＢＣ', config)).toEqual({ contains: 'abc' });
    expect(registrySearch('   ', config)).toBeUndefined();
  });
});

describe('registry cursors', () => {
  it('round-trip to the microsecond and refuse anything else with a field error', () => {
    const at = { firstSeen: '2026-11-27T08:00:00.123456Z', key: 'url|https://a.cn/x' };
    expect(decodeRegistryCursor(encodeRegistryCursor(at))).toEqual(at);
    for (const bad of [
      'x',
      encodeRegistryCursor({ firstSeen: '2026-02-31T00:00:00.000000Z', key: 'k' }),
      encodeRegistryCursor({ firstSeen: '2026-11-27T08:00:00.123Z', key: 'k' }),
      encodeRegistryCursor({ firstSeen: '2026-11-27T08:00:00.123456Z', key: '' }),
      Buffer.from('{"a":1}').toString('base64url'),
    ])
      expect(() => decodeRegistryCursor(bad)).toThrow(
        expect.objectContaining({
          status: 400,
          fields: [{ path: 'before', message: 'field.invalid_value' }],
        }),
      );
  });
});
