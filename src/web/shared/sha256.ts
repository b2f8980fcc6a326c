/**
 * A small synchronous SHA-256 for the proof-of-work solver: WebCrypto's digest is asynchronous and too slow
 * per call for hundreds of thousands of short hashes. `createPrefixHasher` hashes a fixed prefix once and
 * then only the tail per candidate.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Uint32Array(64);

/** Compresses one 64-byte block at `offset` of `bytes` into `state`. */
function compress(state: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] =
      ((bytes[j] as number) << 24) |
      ((bytes[j + 1] as number) << 16) |
      ((bytes[j + 2] as number) << 8) |
      (bytes[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15] as number;
    const b = W[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (W[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

const encoder = new TextEncoder();

/** Hashes `prefix + tail` for many tails; returns the digest as 8 big-endian 32-bit words. */
export function createPrefixHasher(prefix: string): (tail: string) => Uint32Array {
  const head = encoder.encode(prefix);
  const full = head.length - (head.length % 64);
  const mid = new Uint32Array(INIT);
  for (let off = 0; off < full; off += 64) compress(mid, head, off);
  const rest = head.subarray(full);
  const buffer = new Uint8Array(256);
  const state = new Uint32Array(8);
  return (tail: string) => {
    const tailBytes = encoder.encode(tail);
    const length = rest.length + tailBytes.length;
    const blocks = Math.ceil((length + 9) / 64);
    const padded = blocks * 64;
    const data = padded <= buffer.length ? buffer : new Uint8Array(padded);
    data.fill(0, 0, padded);
    data.set(rest, 0);
    data.set(tailBytes, rest.length);
    data[length] = 0x80;
    const bits = (head.length + tailBytes.length) * 8;
    data[padded - 4] = (bits >>> 24) & 0xff;
    data[padded - 3] = (bits >>> 16) & 0xff;
    data[padded - 2] = (bits >>> 8) & 0xff;
    data[padded - 1] = bits & 0xff;
    data[padded - 5] = Math.floor(bits / 2 ** 32) & 0xff;
    state.set(mid);
    for (let off = 0; off < padded; off += 64) compress(state, data, off);
    return state;
  };
}

/** SHA-256 of a string as hex (for tests). */
export function sha256Hex(text: string): string {
  const words = createPrefixHasher('')(text);
  return Array.from(words, (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

/** Leading zero bits of a digest given as 32-bit words. */
export function leadingZeroBits(words: Uint32Array): number {
  let bits = 0;
  for (const w of words) {
    if (w === 0) {
      bits += 32;
      continue;
    }
    return bits + Math.clz32(w);
  }
  return bits;
}

/** Finds the smallest decimal nonce from `start` such that SHA-256(`challenge:nonce`) has `difficulty` zero bits. */
export function solve(challenge: string, difficulty: number, start = 0): string {
  const hash = createPrefixHasher(`${challenge}:`);
  for (let n = start; ; n++) {
    if (leadingZeroBits(hash(String(n))) >= difficulty) return String(n);
  }
}
