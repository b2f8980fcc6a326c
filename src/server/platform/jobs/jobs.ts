import {
  runMigrations as migrateWorker,
  type Runner,
  run,
  type TaskList,
  Logger as WorkerLogger,
} from 'graphile-worker';
import type pg from 'pg';
import type { Logger as PinoLogger } from 'pino';

export { addJob as enqueueJob, listJobs, type TEnqueueOptions, type TJobRow } from './job.repository.js';

/** Installs (or upgrades) the job queue's own schema; safe to run repeatedly and concurrently. */
export async function installJobQueue(pool: pg.Pool): Promise<void> {
  await migrateWorker({ pgPool: pool, logger: quietLogger() });
}

function quietLogger(): WorkerLogger {
  return new WorkerLogger(() => () => {});
}

function pinoLogger(logger: PinoLogger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { jobs: { task: scope.taskIdentifier, jobId: scope.jobId, ...(meta ?? {}) } };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}

export interface WorkerOptions {
  pool: pg.Pool;
  logger: PinoLogger;
  tasks: TaskList;
  /** graphile-worker crontab lines, e.g. `0 3 * * * purge_retention`. */
  crontab: string;
  concurrency: number;
}

/**
 * Runs jobs from the PostgreSQL queue (graphile-worker): in the server process by default, or in separate
 * `qinglang worker` processes to scale out. Failed jobs are retried with exponential backoff, stay visible
 * with their last error, and survive restarts (a job locked by a dead worker is released after 4 hours).
 */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  return run({
    pgPool: options.pool,
    taskList: options.tasks,
    crontab: options.crontab,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: pinoLogger(options.logger),
  });
}
