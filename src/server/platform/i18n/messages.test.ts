import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages.js';
import { translate } from './translate.js';

describe('server messages', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const zh = MESSAGES['zh-CN'];
    const en = MESSAGES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(en[key]), key).toEqual(holes(zh[key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'field.too_long', { maximum: 10 })).toBe('Must be at most 10 characters.');
    expect(translate('zh-CN', 'field.too_long', { maximum: 10 })).toContain('10');
  });
});
