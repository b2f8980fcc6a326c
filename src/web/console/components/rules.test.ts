import { describe, expect, it } from 'vitest';
import { listOrder, listProblem } from './lists.js';
import { splitRegion } from './region.js';
import { draftOf, fieldOfPath, NEW_RULE, ruleBody, ruleMeaning, validateRule } from './rules.js';

const RULE = {
  id: 'high.address_exposed',
  kind: 'priority' as const,
  target: 'high',
  allOf: [['家庭住址', '开盒']],
  noneOf: [],
  weight: 1,
  reasonZh: '住址被公开',
  reasonEn: 'home address exposed',
  enabled: true,
};

describe('triage rule drafts', () => {
  it('accept a valid rule and send it trimmed, with the weight as a number', () => {
    const draft = { ...draftOf(RULE), allOf: [[' 家庭住址 ', '住在哪']], weight: '2' };
    expect(validateRule(draft)).toEqual({});
    expect(ruleBody(draft)).toEqual({ ...RULE, allOf: [['家庭住址', '住在哪']], weight: 2 });
  });

  it('need reasons for priority rules only, and whole-number weights', () => {
    const category = {
      ...draftOf(RULE),
      kind: 'category' as const,
      target: 'fraud',
      reasonZh: '',
      reasonEn: ' ',
    };
    expect(validateRule(category)).toEqual({});
    expect(Object.keys(validateRule({ ...category, kind: 'priority', target: 'high' }))).toEqual([
      'reasonZh',
      'reasonEn',
    ]);
    expect(validateRule({ ...category, weight: '2.5' })).toEqual({ weight: { key: 'integer' } });
  });

  it('report every problem by the field the server names', () => {
    const problems = validateRule(
      {
        ...NEW_RULE,
        id: 'high.address_exposed',
        allOf: [['ok'], [], ['x'.repeat(51)]],
        noneOf: Array.from({ length: 51 }, (_, i) => `n${i}`),
        weight: '11',
        reasonZh: ' ',
        reasonEn: 'y'.repeat(201),
      },
      ['high.address_exposed'],
    );
    expect(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.key]))).toEqual({
      id: 'idTaken',
      weight: 'weightRange',
      'allOf.1': 'emptyGroup',
      'allOf.2': 'cueTooLong',
      noneOf: 'tooManyCues',
      reasonZh: 'required',
      reasonEn: 'tooLong',
    });
    expect(validateRule({ ...draftOf(RULE), weight: 'abc', allOf: [] })).toMatchObject({
      weight: { key: 'number' },
      allOf: { key: 'noGroups' },
    });
  });

  it('maps server field paths onto form fields', () => {
    expect(fieldOfPath('allOf.0.3')).toBe('allOf.0');
    expect(fieldOfPath('allOf')).toBe('allOf');
    expect(fieldOfPath('reasonZh')).toBe('reasonZh');
  });

  it('say in words what the engine does', () => {
    const keys = (r: Parameters<typeof ruleMeaning>[0]) => ruleMeaning(r).map((p) => p.key);
    expect(keys(RULE)).toEqual(['priorityAny']);
    expect(keys({ ...RULE, allOf: [['正在'], ['转账']], noneOf: ['没有'] })).toEqual([
      'priorityGroups',
      'noneOf',
    ]);
    expect(ruleMeaning({ ...RULE, allOf: [['a'], ['b']] })[0]?.params).toEqual({ n: 2, window: 60 });
    expect(keys({ ...RULE, target: 'low', enabled: false })).toEqual(['priorityAny', 'lowOnly', 'disabled']);
    expect(ruleMeaning({ ...RULE, kind: 'category', target: 'fraud', weight: 3 })).toEqual([
      { key: 'category', params: { weight: 3 } },
    ]);
    expect(keys({ ...RULE, kind: 'category', weight: -2, allOf: [['a'], ['b']] })).toEqual([
      'categoryMinus',
      'categoryFirstGroupOnly',
    ]);
  });
});

describe('target lists', () => {
  const known = { categories: ['fraud', 'pyramid'], platforms: ['weibo', 'qq'] };
  const key = (list: string, values: string[]) => listProblem(list, values, known)?.key;

  it('orders the lists: the main ones first, then platforms, then the rest', () => {
    expect(listOrder(['platform:qq', 'zzz', 'generic', 'card_cue', 'platform:douyin'])).toEqual([
      'generic',
      'card_cue',
      'platform:douyin',
      'platform:qq',
      'zzz',
    ]);
  });

  it('checks each list’s format', () => {
    expect(key('generic', ['domain|t.cn', 'app|微信'])).toBeUndefined();
    expect(listProblem('generic', ['domain|t.cn', 't.cn'], known)).toEqual({
      key: 'lists.error.generic',
      params: { value: 't.cn', max: 300 },
    });
    expect(key('category_compat', ['fraud|pyramid'])).toBeUndefined();
    expect(key('category_compat', ['fraud|nope'])).toBe('lists.error.compat');
    expect(key('category_compat', ['fraud'])).toBe('lists.error.compat');
    expect(key('tracking_param', ['utm_*', 'a b'])).toBe('lists.error.param');
    expect(key('tracking_param', ['*'])).toBe('lists.error.param');
    expect(key('tracking_param', ['a*b'])).toBe('lists.error.param');
    expect(key('tracking_param', ['utm_*', 'spm'])).toBeUndefined();
    expect(listProblem('card_cue', ['卡号', '卡号'], known)).toEqual({
      key: 'lists.error.duplicate',
      params: { value: '卡号' },
    });
    expect(key('card_cue', ['-'])).toBe('lists.error.reserved');
    expect(key('card_cue', [])).toBeUndefined();
    expect(key('platform:qq', [])).toBe('lists.error.emptyPlatform');
    expect(key('generic', ['app|'])).toBe('lists.error.generic');
    expect(key('default_handle_platform', ['weibo'])).toBeUndefined();
    expect(key('default_handle_platform', ['weibo', 'qq'])).toBe('lists.error.onePlatform');
    expect(key('default_handle_platform', ['myspace'])).toBe('lists.error.platform');
    expect(key('card_cue', ['x'.repeat(301)])).toBe('lists.error.tooLong');
    expect(key('platform:qq', ['QQ号'])).toBeUndefined();
  });
});

describe('regions', () => {
  it('splits a code into the province and the listed city', () => {
    expect(splitRegion('440106')).toEqual({ province: '440000', city: '440100' });
    expect(splitRegion('440100')).toEqual({ province: '440000', city: '440100' });
    expect(splitRegion('110000')).toEqual({ province: '110000', city: '' });
    expect(splitRegion('')).toEqual({ province: '', city: '' });
    expect(splitRegion('12ab')).toEqual({ province: '', city: '' });
  });
});
