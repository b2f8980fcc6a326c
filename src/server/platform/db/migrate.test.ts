import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { migrationStatus, runMigrations } from './migrate.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
});
afterAll(() => db.drop());

async function schemaSnapshot(): Promise<string[]> {
  const { rows } = await db.pool.query<{ item: string }>(
    `SELECT table_name || '.' || column_name || ':' || data_type AS item FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.item);
}

describe('migrations', () => {
  it('run from an empty database, and a second run (even concurrent) changes nothing', async () => {
    expect(await migrationStatus(db.pool)).toMatchObject({ applied: 0 });
    await runMigrations(db.pool);
    const status = await migrationStatus(db.pool);
    expect(status.applied).toBe(status.expected);
    const schema = await schemaSnapshot();
    expect(schema).toContain('reports.search_tokens:tsvector');
    await Promise.all([runMigrations(db.pool), runMigrations(db.pool)]);
    expect(await migrationStatus(db.pool)).toEqual(status);
    expect(await schemaSnapshot()).toEqual(schema);
  });

  it('make the case timeline append-only', async () => {
    await expect(db.pool.query('UPDATE case_events SET type = type')).resolves.toBeDefined(); // no rows yet
    await db.pool.query(`INSERT INTO categories (code, name_zh, name_en, definition_zh, definition_en)
      VALUES ('x', 'x', 'x', 'x', 'x')`);
    await db.pool.query(`INSERT INTO departments (code, path, name_zh, name_en, level, region_code)
      VALUES ('CN', 'cn', '中心', 'Centre', 'national', '100000')`);
    await db.pool.query(`INSERT INTO cases (case_no, category_code, priority, department_id)
      SELECT 'AJ1', 'x', 'normal', id FROM departments`);
    await db.pool.query(
      `INSERT INTO case_events (case_id, type, actor_type) SELECT id, 'report_received', 'system' FROM cases`,
    );
    await expect(db.pool.query(`UPDATE case_events SET type = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM case_events')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE case_events CASCADE')).rejects.toThrow(/append-only/);
  });
});
