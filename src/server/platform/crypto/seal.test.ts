import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { masterKeyFromBase64 } from './master-key.js';
import { rewrap, seal, unseal } from './seal.js';

const key = () => masterKeyFromBase64(randomBytes(32).toString('base64'));

describe('envelope sealing', () => {
  it('round-trips a value and hides the plaintext', () => {
    const master = key();
    const record = seal(master, 'reporter-identity', { name: '张三', phone: '13812345678' });
    expect(record.sealed.includes(Buffer.from('13812345678'))).toBe(false);
    expect(record.keyId).toBe(master.id);
    expect(unseal(master, 'reporter-identity', record)).toEqual({ name: '张三', phone: '13812345678' });
  });

  it('refuses a different context, a tampered blob or a different master key', () => {
    const master = key();
    const record = seal(master, 'reporter-identity', { name: 'x' });
    expect(() => unseal(master, 'evidence-name', record)).toThrow();
    const tampered = Buffer.from(record.sealed);
    tampered[14] = (tampered[14] ?? 0) ^ 1;
    expect(() => unseal(master, 'reporter-identity', { ...record, sealed: tampered })).toThrow();
    expect(() => unseal(key(), 'reporter-identity', record)).toThrow();
  });

  it('re-wraps under a new master key without changing the sealed data', () => {
    const a = key();
    const b = key();
    const record = seal(a, 'ctx', { v: 1 });
    const moved = rewrap(a, b, record);
    expect(moved.sealed).toEqual(record.sealed);
    expect(moved.keyId).toBe(b.id);
    expect(unseal(b, 'ctx', moved)).toEqual({ v: 1 });
  });
});
