import { createHash, randomInt } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.js';
import {
  appendEntries,
  auditAppendCtes,
  countEntries,
  readEntries,
  readHeads,
  type TAuditRow,
  type TChainedEntry,
} from './audit.repository.js';
import { hashedForm, type TAuditActorType, type TAuditEntry } from './audit.types.js';
import { canonicalJson } from './canonical-json.js';

/** Number of independent chains; fixed by the migration that created their heads. */
export const AUDIT_CHAINS = 32;

/** Genesis hash of a chain: what its first entry links to. */
export function genesisHash(chain: number): Buffer {
  return createHash('sha256').update(`qinglang-audit-genesis:${chain}`).digest();
}

function chained(chain: number, entries: TAuditEntry[]): TChainedEntry[] {
  const at = new Date();
  return entries.map((entry) => ({ at, entry, canonical: canonicalJson(hashedForm(chain, at, entry)) }));
}

/**
 * Records an audited action in the caller's transaction (so it commits or rolls back with the change).
 * Call it as late as possible in the transaction: the chain head stays locked until commit.
 */
export async function recordAudit(tx: DbOrTx, entry: TAuditEntry): Promise<{ seq: number }> {
  const chain = randomInt(0, AUDIT_CHAINS);
  const [seq] = await appendEntries(tx, chain, chained(chain, [entry]));
  return { seq: seq ?? 0 };
}

/**
 * The statement part that records `entries` (in order, on one chain), for a caller that writes everything in
 * one statement; that statement must begin `WITH RECURSIVE`.
 */
export function auditStatementPart(entries: TAuditEntry[]): SQL {
  const chain = randomInt(0, AUDIT_CHAINS);
  return auditAppendCtes(chain, chained(chain, entries));
}

function expectedHash(prev: Buffer, row: TAuditRow): Buffer {
  const entry: TAuditEntry = {
    actorType: row.actor_type as TAuditActorType,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    payload: row.payload,
  };
  return createHash('sha256')
    .update(prev)
    .update(canonicalJson(hashedForm(row.chain, row.at, entry)), 'utf8')
    .digest();
}

export type TVerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number | null; chain: number; reason: string };

/**
 * Walks every chain in seq order and checks each link and hash, then that each chain ends at its head.
 * Returns the first broken entry (lowest seq).
 */
export async function verifyAudit(
  db: DbOrTx,
  onProgress: (done: number, total: number) => void = () => {},
  batch = 5000,
): Promise<TVerifyResult> {
  const total = await countEntries(db);
  const heads = await readHeads(db);
  const last = new Map<number, Buffer>(heads.map((h) => [h.chain, genesisHash(h.chain)]));
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = await readEntries(db, after, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const prev = last.get(row.chain);
      if (!prev)
        return { ok: false, entries: done, brokenSeq: row.seq, chain: row.chain, reason: 'unknown chain' };
      if (!row.prev_hash.equals(prev)) {
        return {
          ok: false,
          entries: done,
          brokenSeq: row.seq,
          chain: row.chain,
          reason: 'link to the previous entry is broken',
        };
      }
      if (!row.hash.equals(expectedHash(prev, row))) {
        return {
          ok: false,
          entries: done,
          brokenSeq: row.seq,
          chain: row.chain,
          reason: 'content does not match its hash',
        };
      }
      last.set(row.chain, row.hash);
      done++;
    }
    after = rows[rows.length - 1]?.seq ?? after;
    onProgress(done, total);
  }
  for (const head of heads) {
    if (!head.hash.equals(last.get(head.chain) ?? Buffer.alloc(0))) {
      return {
        ok: false,
        entries: done,
        brokenSeq: null,
        chain: head.chain,
        reason: 'entries missing at the end of the chain',
      };
    }
  }
  return { ok: true, entries: done };
}
