import type pg from 'pg';

/**
 * The generic plan, as text, of the statement prepared on this connection whose text starts with `start`: the
 * plan a prepared statement keeps until its tables are next analysed, whatever the values it is run with.
 */
export async function genericPlan(client: pg.ClientBase, start: string): Promise<string> {
  const { rows } = await client.query<{ name: string; params: number }>(
    `SELECT name, cardinality(parameter_types) AS params FROM pg_prepared_statements
      WHERE starts_with(statement, $1)`,
    [start],
  );
  const [statement] = rows;
  if (!statement || rows.length > 1)
    throw new Error(`${rows.length} prepared statements start with ${JSON.stringify(start)}`);
  await client.query('SET plan_cache_mode = force_generic_plan');
  try {
    const args = Array.from({ length: statement.params }, () => 'NULL').join(', ');
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN EXECUTE "${statement.name}"${args ? `(${args})` : ''}`,
    );
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('RESET plan_cache_mode');
  }
}
