import fc from 'fast-check';
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

  it('gives the textbook SimHash (a ±1 vote per bit over FNV-1a hashes), for any number of tokens', () => {
    const fnv = (text: string, seed: number) => {
      let h = seed;
      for (const unit of Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))) {
        h = Math.imul(h ^ unit, 0x01000193);
      }
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const reference = (tokens: string[]) => {
      let out = 0n;
      for (let bit = 0; bit < 64; bit += 1) {
        let vote = 0;
        for (const t of tokens) {
          const h = bit < 32 ? fnv(t, 0x811c9dc5) : fnv(t, 0x9747b28c);
          vote += (h >>> (bit % 32)) & 1 ? 1 : -1;
        }
        if (vote > 0) out |= 1n << BigInt(bit);
      }
      return BigInt.asIntN(64, out);
    };
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 700 }), (tokens) => {
        expect(simhash(tokens)).toBe(reference(tokens));
      }),
      { numRuns: 60 },
    );
    // Stored fingerprints: any rewrite of the function must keep these values.
    expect(simhash(['诈骗'])).toBe(8733440148581231112n);
    // Many votes (counters past 8 bits): every unanimous bit stays set.
    expect(simhash(Array<string>(600).fill('诈骗'))).toBe(8733440148581231112n);
    expect(simhash(['有人', '冒充', '快递', '客服', '理赔', 'qq', '13800138000', '😀'])).toBe(
      5116864059309819652n,
    );
  });
});
