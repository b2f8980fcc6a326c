import { describe, expect, it } from 'vitest';
import { searchTokens } from './segment.js';

describe('searchTokens', () => {
  it('segments Chinese into words and drops punctuation', () => {
    const tokens = searchTokens('有人冒充客服，让我转账到安全账户！');
    expect(tokens).toContain('客服');
    expect(tokens).toContain('转账');
    expect(tokens).toContain('账户');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('！');
  });

  it('lowercases Latin text and removes duplicates', () => {
    expect(searchTokens('APP app App')).toEqual(['app']);
  });
});
