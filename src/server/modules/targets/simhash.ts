const FNV_PRIME = 0x01000193;
const SEED_LO = 0x811c9dc5;
const SEED_HI = 0x9747b28c;

/** Final avalanche (murmur3 fmix32): FNV alone leaves low bits poorly mixed for short tokens. */
function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** Tokens counted in 8-bit lanes before the lanes are added to the totals (a lane holds at most 255). */
const LANE_MAX = 255;

/**
 * 64-bit SimHash of a list of distinct tokens (as `searchTokens` gives them: each weighs once), as a signed
 * bigint (PostgreSQL bigint). Each token hashes to two 32-bit FNV-1a values over its UTF-16 code units (two seeds,
 * one pass); bit i of the result is set when more than half of the tokens have bit i set (the SimHash vote).
 * The votes are counted four bit positions per addition: `lanes[j]` holds, in its four bytes, the counts of bits
 * j, j+8, j+16 and j+24.
 */
export function simhash(tokens: readonly string[]): bigint {
  const ones = new Int32Array(64);
  const lanes = new Int32Array(16);
  const flush = () => {
    for (let j = 0; j < 16; j += 1) {
      const lane = lanes[j] as number;
      const base = j < 8 ? j : 24 + j;
      for (let b = 0; b < 4; b += 1)
        ones[base + 8 * b] = (ones[base + 8 * b] as number) + ((lane >>> (8 * b)) & 0xff);
      lanes[j] = 0;
    }
  };
  let pending = 0;
  for (const token of tokens) {
    let lo = SEED_LO;
    let hi = SEED_HI;
    for (let i = 0; i < token.length; i += 1) {
      const c = token.charCodeAt(i);
      lo = Math.imul(lo ^ c, FNV_PRIME);
      hi = Math.imul(hi ^ c, FNV_PRIME);
    }
    lo = fmix(lo);
    hi = fmix(hi);
    for (let j = 0; j < 8; j += 1) {
      lanes[j] = (lanes[j] as number) + ((lo >>> j) & 0x01010101);
      lanes[j + 8] = (lanes[j + 8] as number) + ((hi >>> j) & 0x01010101);
    }
    pending += 1;
    if (pending === LANE_MAX) {
      flush();
      pending = 0;
    }
  }
  flush();
  let lo = 0;
  let hi = 0;
  const n = tokens.length;
  for (let i = 0; i < 32; i += 1) {
    if (2 * (ones[i] as number) > n) lo |= 1 << i;
    if (2 * (ones[i + 32] as number) > n) hi |= 1 << i;
  }
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

/** Four 16-bit bands, tagged with their position (band i → i·65536 + value): equal bands find candidates. */
export function bands(hash: bigint): number[] {
  const u = BigInt.asUintN(64, hash);
  return [0, 1, 2, 3].map((i) => i * 65_536 + Number((u >> BigInt(16 * i)) & 0xffffn));
}
