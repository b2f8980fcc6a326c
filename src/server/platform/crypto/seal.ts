import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-key.js';

const NONCE = 12;
const TAG = 16;

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const nonce = sealed.subarray(0, NONCE);
  const tag = sealed.subarray(sealed.length - TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
}

export interface SealedRecord {
  keyId: string;
  wrappedKey: Buffer;
  sealed: Buffer;
}

const WRAP_AAD = Buffer.from('qinglang:data-key');

/**
 * Envelope encryption: a fresh 256-bit data key per record encrypts the JSON value (AES-256-GCM); the data
 * key is itself encrypted ("wrapped") by the master key. Rotating the master key re-wraps data keys only.
 * `context` binds the ciphertext to its purpose (e.g. 'reporter-identity').
 */
export function seal(master: MasterKey, context: string, value: unknown): SealedRecord {
  const dataKey = randomBytes(32);
  try {
    const sealed = encrypt(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), Buffer.from(context));
    return { keyId: master.id, wrappedKey: encrypt(master.key, dataKey, WRAP_AAD), sealed };
  } finally {
    dataKey.fill(0);
  }
}

export function unseal<T>(master: MasterKey, context: string, record: SealedRecord): T {
  if (record.keyId !== master.id) throw new Error(`sealed with master key ${record.keyId}, not ${master.id}`);
  const dataKey = decrypt(master.key, record.wrappedKey, WRAP_AAD);
  try {
    return JSON.parse(decrypt(dataKey, record.sealed, Buffer.from(context)).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps a data key under a new master key without touching the sealed data. */
export function rewrap(from: MasterKey, to: MasterKey, record: SealedRecord): SealedRecord {
  const dataKey = decrypt(from.key, record.wrappedKey, WRAP_AAD);
  try {
    return { keyId: to.id, wrappedKey: encrypt(to.key, dataKey, WRAP_AAD), sealed: record.sealed };
  } finally {
    dataKey.fill(0);
  }
}
