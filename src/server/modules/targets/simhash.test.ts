import { describe, expect, it } from 'vitest';
import { searchTokens } from '../../platform/text/segment.js';
import { bands, simhash } from './simhash.js';

const distance = (a: bigint, b: bigint) => {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
};

describe('simhash', () => {
  const a = searchTokens(
    '有人冒充快递客服打电话说包裹丢了要理赔，让我下载会议软件共享屏幕，然后转走了银行卡里的钱。',
  );
  const b = searchTokens(
    '有人冒充快递客服打来电话，说我的包裹丢了要理赔，让我下载会议软件共享屏幕，后来转走了卡里的钱。',
  );
  const c = searchTokens('直播间里主播用低俗表演引导未成年人打赏，平台对举报没有任何处理。');

  it('puts near-duplicate texts closer than unrelated ones, and ignores punctuation and token order', () => {
    expect(distance(simhash(a), simhash(b))).toBeLessThan(distance(simhash(a), simhash(c)));
    expect(distance(simhash(a), simhash(c))).toBeGreaterThan(16);
    const repunctuated = searchTokens(
      '有人冒充快递客服 打电话说包裹丢了要理赔!让我下载会议软件共享屏幕;然后转走了银行卡里的钱',
    );
    expect(simhash(repunctuated)).toBe(simhash(a));
    expect(simhash([...a].reverse())).toBe(simhash(a));
  });

  it('is a signed 64-bit value split into four position-tagged 16-bit bands', () => {
    const h = simhash(a);
    expect(h).toBe(BigInt.asIntN(64, h));
    const bs = bands(h);
    expect(bs).toHaveLength(4);
    bs.forEach((band, i) => {
      expect(band).toBeGreaterThanOrEqual(i * 65_536);
      expect(band).toBeLessThan((i + 1) * 65_536);
    });
    expect(simhash([])).toBe(0n);
  });
});
