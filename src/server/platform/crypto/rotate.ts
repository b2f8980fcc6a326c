import type { Db } from '../db/pool.js';
import {
  countWrappedNotUnder,
  lockWrappedBatch,
  tablesWithWrappedKeys,
  updateWrapped,
} from './key.repository.js';
import type { MasterKey } from './master-key.js';
import { rewrap } from './seal.js';

export interface RotationProgress {
  done: number;
  total: number;
}

/**
 * Re-wraps every data key (in every table with `key_id`/`wrapped_key`) under the current master key, using
 * the previous keys to unwrap. Sealed data is never decrypted. Works in small transactions, so it can be
 * stopped at any point and started again: rows already under the current key are skipped.
 */
export async function rotateMasterKey(
  db: Db,
  keyring: MasterKey[],
  onProgress: (p: RotationProgress) => void = () => {},
  options: { batch?: number; maxBatches?: number } = {},
): Promise<RotationProgress> {
  const [current, ...previous] = keyring;
  if (!current) throw new Error('no master key');
  const tables = await tablesWithWrappedKeys(db);
  let total = 0;
  for (const table of tables) total += await countWrappedNotUnder(db, table, current.id);
  const progress = { done: 0, total };
  onProgress(progress);
  let batches = 0;
  for (const table of tables) {
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) return progress;
      const moved = await db.transaction(async (tx) => {
        const rows = await lockWrappedBatch(tx, table, current.id, options.batch ?? 500);
        for (const row of rows) {
          const from = previous.find((k) => k.id === row.key_id);
          if (!from) throw new Error(`${table}: a record is wrapped by unknown master key ${row.key_id}`);
          const next = rewrap(from, current, {
            keyId: row.key_id,
            wrappedKey: row.wrapped_key,
            sealed: Buffer.alloc(0),
          });
          await updateWrapped(tx, table, row.ctid, next.keyId, next.wrappedKey);
        }
        return rows.length;
      });
      if (moved === 0) break;
      batches++;
      progress.done += moved;
      onProgress(progress);
    }
  }
  return progress;
}
