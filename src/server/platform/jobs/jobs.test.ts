import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { createLogger } from '../logger.js';
import { enqueueJob, listJobs, startWorker } from './jobs.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job queue', () => {
  it('enqueues with the transaction (a rolled-back change leaves no job), runs jobs and keeps failures visible', async () => {
    await expect(
      db.db.transaction(async (tx) => {
        await enqueueJob(tx, 'greet', { who: 'rolled back' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await listJobs(db.db, 10)).toEqual([]);

    await db.db.transaction((tx) => enqueueJob(tx, 'greet', { who: 'world' }));
    await enqueueJob(db.db, 'explode', {}, { maxAttempts: 1 });
    const greeted: string[] = [];
    const worker = await startWorker({
      pool: db.pool,
      logger,
      concurrency: 2,
      crontab: '',
      tasks: {
        greet: async (payload) => {
          greeted.push((payload as { who: string }).who);
        },
        explode: async () => {
          throw new Error('the task failed on purpose');
        },
      },
    });
    try {
      const failed = await until(async () => {
        const jobs = await listJobs(db.db, 10);
        return jobs.length === 1 && jobs[0]?.state === 'failed' ? jobs[0] : undefined;
      });
      expect(failed).toMatchObject({
        task: 'explode',
        attempts: 1,
        lastError: expect.stringContaining('on purpose'),
      });
      expect(greeted).toEqual(['world']);
    } finally {
      await worker.stop();
    }
  });
});
