import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('marks Chinese and Latin matches and windows long text', () => {
    expect(highlight('拉我进群推荐虚拟货币项目', ['虚拟', '货币'])).toBe('拉我进群推荐«虚拟»«货币»项目');
    expect(highlight('Visit FAKE-shop.cn now', ['fake'])).toBe('Visit «FAKE»-shop.cn now');
    const long = `${'无关内容'.repeat(50)}关键词${'其他'.repeat(50)}`;
    const cut = highlight(long, ['关键词'], 40);
    expect(cut.startsWith('…')).toBe(true);
    expect(cut).toContain('«关键词»');
    expect(cut.length).toBeLessThan(50);
  });
});
