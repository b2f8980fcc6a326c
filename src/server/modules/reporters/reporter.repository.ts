import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { receipts, reporterIdentities } from './reporter.tables.js';

export type TNewIdentityRow = typeof reporterIdentities.$inferInsert;

export async function insertIdentity(tx: DbOrTx, row: TNewIdentityRow): Promise<string> {
  const [inserted] = await tx.insert(reporterIdentities).values(row).returning({ id: reporterIdentities.id });
  if (!inserted) throw new Error('identity insert returned nothing');
  return inserted.id;
}

export async function insertReceipt(tx: DbOrTx, codeHash: Buffer, reportId: string): Promise<void> {
  await tx.insert(receipts).values({ codeHash, reportId });
}

export async function findReportIdByCodeHash(db: DbOrTx, codeHash: Buffer): Promise<string | undefined> {
  const [row] = await db
    .select({ reportId: receipts.reportId })
    .from(receipts)
    .where(eq(receipts.codeHash, codeHash))
    .limit(1);
  return row?.reportId;
}
