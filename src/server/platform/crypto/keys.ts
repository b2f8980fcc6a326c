import { createHmac, hkdfSync } from 'node:crypto';
import type { MasterKey } from './master-key.js';

/** Purposes of keys derived from the master key with HKDF-SHA-256; each purpose gets its own key. */
export type TKeyPurpose =
  | 'receipt-code'
  | 'blind-index:phone'
  | 'blind-index:email'
  | 'blind-index:id-number'
  | 'rate-limit';

export interface DerivedKeys {
  master: MasterKey;
  get(purpose: TKeyPurpose): Buffer;
  hmac(purpose: TKeyPurpose, value: string): Buffer;
}

export function deriveKeys(master: MasterKey): DerivedKeys {
  const cache = new Map<TKeyPurpose, Buffer>();
  const get = (purpose: TKeyPurpose): Buffer => {
    let key = cache.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', master.key, Buffer.from('qinglang'), Buffer.from(purpose), 32));
      cache.set(purpose, key);
    }
    return key;
  };
  return {
    master,
    get,
    hmac: (purpose, value) => createHmac('sha256', get(purpose)).update(value, 'utf8').digest(),
  };
}
