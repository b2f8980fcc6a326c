import { createHmac, hkdfSync } from 'node:crypto';
import type { MasterKey } from './master-key.js';
import { type SealedRecord, unseal } from './seal.js';

/** Purposes of keys derived from the master key with HKDF-SHA-256; each purpose gets its own key. */
export type TKeyPurpose =
  | 'receipt-code'
  | 'blind-index:phone'
  | 'blind-index:email'
  | 'blind-index:id-number'
  | 'rate-limit'
  | 'pow-challenge'
  | 'channel-token';

export interface DerivedKeys {
  /** The current master key: new sealed records are wrapped with it. */
  master: MasterKey;
  /** Every master key this process holds (current first, then MASTER_KEY_PREVIOUS), to unseal by key id. */
  keyring: MasterKey[];
  get(purpose: TKeyPurpose): Buffer;
  hmac(purpose: TKeyPurpose, value: string): Buffer;
  /** Unseals a record with whichever held master key wrapped it. */
  unseal<T>(context: string, record: SealedRecord): T;
}

/**
 * Keys for one process. HMAC keys (blind indexes, receipt codes, rate limits) are derived with HKDF from the
 * index root key — a random key stored in the database wrapped by the master key (see root-key.ts) — so that
 * rotating the master key re-wraps the root and leaves every stored HMAC valid. Without an index root (unit
 * tests) they derive from the master key itself.
 */
export function deriveKeys(
  master: MasterKey,
  options: { previous?: MasterKey[]; indexRoot?: Buffer } = {},
): DerivedKeys {
  const keyring = [master, ...(options.previous ?? [])];
  const root = options.indexRoot ?? master.key;
  const cache = new Map<TKeyPurpose, Buffer>();
  const get = (purpose: TKeyPurpose): Buffer => {
    let key = cache.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', root, Buffer.from('qinglang'), Buffer.from(purpose), 32));
      cache.set(purpose, key);
    }
    return key;
  };
  return {
    master,
    keyring,
    get,
    hmac: (purpose, value) => createHmac('sha256', get(purpose)).update(value, 'utf8').digest(),
    unseal: <T>(context: string, record: SealedRecord): T => {
      const key = keyring.find((k) => k.id === record.keyId);
      if (!key) throw new Error(`sealed with master key ${record.keyId}, which this process does not hold`);
      return unseal<T>(key, context, record);
    },
  };
}
