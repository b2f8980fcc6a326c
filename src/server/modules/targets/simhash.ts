/** FNV-1a over UTF-16 code units, 32 bits, from a seed. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): FNV alone leaves low bits poorly mixed for short tokens.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 64-bit SimHash of a list of distinct tokens (as `searchTokens` gives them: each weighs once), as a signed
 * bigint (PostgreSQL bigint).
 */
export function simhash(tokens: readonly string[]): bigint {
  const v = new Int32Array(64);
  for (const token of tokens) {
    const lo = fnv(token, 0x811c9dc5);
    const hi = fnv(token, 0x9747b28c);
    for (let i = 0; i < 32; i += 1) {
      v[i] = (v[i] ?? 0) + ((lo >>> i) & 1 ? 1 : -1);
      v[i + 32] = (v[i + 32] ?? 0) + ((hi >>> i) & 1 ? 1 : -1);
    }
  }
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 32; i += 1) {
    if ((v[i] ?? 0) > 0) lo |= 1 << i;
    if ((v[i + 32] ?? 0) > 0) hi |= 1 << i;
  }
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

/** Four 16-bit bands, tagged with their position (band i → i·65536 + value): equal bands find candidates. */
export function bands(hash: bigint): number[] {
  const u = BigInt.asUintN(64, hash);
  return [0, 1, 2, 3].map((i) => i * 65_536 + Number((u >> BigInt(16 * i)) & 0xffffn));
}
