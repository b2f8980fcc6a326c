import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../db/pool.js';
import { insertKeyMaterial, readKeyMaterial } from './key.repository.js';
import type { MasterKey } from './master-key.js';
import { seal, unseal } from './seal.js';

const CONTEXT = 'index-root-key';

/**
 * The index root key: random, created once, stored sealed by the master key. HMAC keys derive from it, so a
 * master-key rotation (which only re-wraps) keeps receipt codes and blind indexes valid.
 */
export async function loadIndexRoot(db: DbOrTx, keyring: MasterKey[]): Promise<Buffer> {
  const current = keyring[0];
  if (!current) throw new Error('no master key');
  let row = await readKeyMaterial(db, 'index-root');
  if (!row) {
    const fresh = seal(current, CONTEXT, randomBytes(32).toString('base64'));
    await insertKeyMaterial(db, { purpose: 'index-root', ...fresh });
    row = await readKeyMaterial(db, 'index-root');
    if (!row) throw new Error('index root key vanished');
  }
  const key = keyring.find((k) => k.id === row.keyId);
  if (!key) {
    throw new Error(
      `the index root key is wrapped by master key ${row.keyId}; set MASTER_KEY (or MASTER_KEY_PREVIOUS) to that key`,
    );
  }
  return Buffer.from(unseal<string>(key, CONTEXT, row), 'base64');
}
