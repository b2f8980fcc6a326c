import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { reports } from './report.tables.js';

export type TNewReportRow = Omit<typeof reports.$inferInsert, 'searchTokens'> & { searchTokens: string[] };

export async function insertReport(tx: DbOrTx, row: TNewReportRow): Promise<string> {
  const { searchTokens, ...rest } = row;
  const [inserted] = await tx
    .insert(reports)
    .values({ ...rest, searchTokens: sql`to_tsvector('simple', ${searchTokens.join(' ')})` })
    .returning({ id: reports.id });
  if (!inserted) throw new Error('report insert returned nothing');
  return inserted.id;
}

export async function findReportSummary(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: reports.id,
      reportNo: reports.reportNo,
      caseId: reports.caseId,
      categoryCode: reports.categoryCode,
      channel: reports.channel,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.id, id))
    .limit(1);
  return row;
}
