import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.js';

export interface TEnqueueOptions {
  runAt?: Date;
  /** Replaces a queued job with the same key instead of adding a second one. */
  jobKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction: it exists if and only if the change that caused it commits. */
export async function addJob(db: DbOrTx, task: string, payload: unknown, options: TEnqueueOptions = {}) {
  await db.execute(sql`SELECT graphile_worker.add_job(
    ${task}, ${JSON.stringify(payload ?? {})}::json,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    job_key => ${options.jobKey ?? null}::text,
    max_attempts => ${options.maxAttempts ?? 25}::int)`);
}

export interface TJobRow {
  id: string;
  task: string;
  state: 'queued' | 'running' | 'failed' | 'retrying';
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  lockedAt: Date | null;
  createdAt: Date;
}

/** Jobs for the admin screen: running, waiting, retrying and failed (newest first). */
export async function listJobs(db: DbOrTx, limit: number): Promise<TJobRow[]> {
  const result = await db.execute<{
    id: string;
    task: string;
    attempts: number;
    max_attempts: number;
    run_at: Date;
    last_error: string | null;
    locked_at: Date | null;
    created_at: Date;
  }>(sql`
    SELECT j.id::text, t.identifier AS task, j.attempts, j.max_attempts, j.run_at, j.last_error, j.locked_at, j.created_at
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     ORDER BY j.id DESC LIMIT ${limit}`);
  return result.rows.map((r) => ({
    id: r.id,
    task: r.task,
    state: r.locked_at
      ? 'running'
      : r.attempts >= r.max_attempts
        ? 'failed'
        : r.attempts > 0
          ? 'retrying'
          : 'queued',
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: new Date(r.run_at),
    lastError: r.last_error,
    lockedAt: r.locked_at ? new Date(r.locked_at) : null,
    createdAt: new Date(r.created_at),
  }));
}
