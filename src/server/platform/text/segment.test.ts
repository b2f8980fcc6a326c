import { describe, expect, it } from 'vitest';
import { lexemeQuery, searchTokens } from './segment.js';

describe('searchTokens', () => {
  it('segments Chinese into words and sub-words and drops punctuation', () => {
    const tokens = searchTokens('有人冒充客服，让我转账到安全账户！中华人民共和国');
    expect(tokens).toEqual(
      expect.arrayContaining(['客服', '转账', '账户', '中华人民共和国', '共和国', '人民']),
    );
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('！');
  });

  it('leaves out function words, in Chinese and English', () => {
    const tokens = searchTokens('我的账户被他们冻结了 and the app is gone');
    expect(tokens).toEqual(expect.arrayContaining(['账户', '冻结', 'app', 'gone']));
    for (const stop of ['我', '的', '被', '他们', '了', 'and', 'the', 'is'])
      expect(tokens).not.toContain(stop);
  });

  it('lowercases Latin text, removes duplicates, and never yields empty, spaced or overlong tokens', () => {
    expect(searchTokens('APP app App')).toEqual(['app']);
    const tokens = searchTokens(`x\u3000y  z\t${'q'.repeat(300)} ok`);
    for (const t of tokens) {
      expect(t).not.toBe('');
      expect(t).not.toMatch(/\s/);
      expect(t.length).toBeLessThanOrEqual(100);
    }
    expect(tokens).toContain('ok');
  });
});

describe('lexemeQuery', () => {
  it('quotes each token (quotes and backslashes escaped) and ANDs them', () => {
    expect(lexemeQuery(['诈骗', "o'neil", 'a\\b'])).toBe("'诈骗' & 'o''neil' & 'a\\\\b'");
  });
});
