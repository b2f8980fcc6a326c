import { Param, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { reportsInsert } from '../../modules/intake/report.repository.js';
import { reports } from '../../modules/intake/report.tables.js';
import { auditStatementPart } from '../audit/audit.js';
import { compileStatement } from './compile.js';

const dialect = new PgDialect();
const same = (statement: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  expect(compileStatement(statement)).toEqual({ sql: text, params });
};

describe('compileStatement', () => {
  it('gives drizzle’s text and parameters for text, nested sql, params, raw values, joins and nulls', () => {
    const inner = sql`SELECT ${sql.param(['a', 'b'])}::text[], ${42}, ${null}, ${undefined}`;
    same(
      sql`WITH x AS (${inner}), y AS (${sql.join([sql`1`, sql`${'two'}`, sql.param(3n)], sql`, `)}) ${sql.raw('SELECT 1')}`,
    );
    same(sql`SELECT ${new Date('2026-11-28T00:00:00Z')}, ${Buffer.from('ab')}, ${sql.param(null)}, ${true}`);
  });

  it('gives drizzle’s output for the intake statement’s own parts', () => {
    const row = {
      id: '00000000-0000-4000-8000-000000000001',
      numberSequence: 'report_no_20261128',
      numberPrefix: 'JB20261128',
      caseId: '00000000-0000-4000-8000-000000000002',
      channel: 'web' as const,
      categoryCode: 'fraud',
      description: '有人冒充客服 "quoted" \\ back',
      answers: { amountLost: 3200 },
      targets: ['https://example.cn/'],
      occurredAt: null,
      regionCode: '440106',
      reporterIdentityId: null,
      language: 'zh-CN' as const,
      searchTokens: '冒充 客服',
    };
    same(sql`WITH rep AS (${reportsInsert([row, { ...row, id: '00000000-0000-4000-8000-000000000003' }])}),
      ${auditStatementPart([{ actorType: 'system', action: 'report.received', subjectType: 'report', subjectId: row.id, payload: { a: 1 } }])}
      SELECT 1`);
  });

  it('leaves to drizzle what it does not walk itself: columns, lists, inlined and encoded params', () => {
    same(sql`SELECT ${reports.id} FROM ${reports} WHERE ${reports.reportNo} = ${'JB1'}`);
    same(sql`SELECT * FROM t WHERE x IN ${[1, 2, 3]}`);
    same(sql`SELECT ${'a'}`.inlineParams());
    same(sql`SELECT ${new Param({ k: 1 }, { mapToDriverValue: (v) => JSON.stringify(v) })}`);
  });
});
