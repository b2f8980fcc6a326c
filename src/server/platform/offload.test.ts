import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { multiply, type TFixtureContext } from './offload.fixture.js';
import { createOffload, type Offload } from './offload.js';

type TResult = ReturnType<typeof multiply>[number];
const WORKER = new URL('./offload.fixture.ts', import.meta.url);
const TWICE: TFixtureContext = { factor: 2 };

let offload: Offload<number, TResult, TFixtureContext> | undefined;
afterEach(async () => {
  await offload?.close();
  offload = undefined;
});

function start(failures: unknown[], spawn?: () => Worker) {
  offload = createOffload({
    mode: 'thread',
    worker: WORKER,
    compute: multiply,
    onFailure: (err) => failures.push(err),
    ...(spawn ? { spawn } : {}),
  });
  return offload;
}

describe('offload on the event loop (inline)', () => {
  it('computes each item on this thread', async () => {
    offload = createOffload({
      mode: 'inline',
      worker: WORKER,
      compute: multiply,
      onFailure: () => {
        throw new Error('an inline offload has no worker to fail');
      },
    });
    const o = offload;
    expect(await Promise.all([1, 2, 3].map((n) => o.run(n, TWICE)))).toEqual(
      [2, 4, 6].map((n) => ({ n, thread: 'main' })),
    );
    await expect(o.run(-1, TWICE)).rejects.toThrow('negative item -1');
  });
});

describe('offload in a worker thread', () => {
  it('computes in the worker, items sent together and one by one, with the context each was given', async () => {
    const failures: unknown[] = [];
    const o = start(failures);
    const together = await Promise.all([1, 2, 3].map((n) => o.run(n, TWICE)));
    expect(together).toEqual([2, 4, 6].map((n) => ({ n, thread: 'worker' })));
    expect(await o.run(5, TWICE)).toEqual({ n: 10, thread: 'worker' });
    // A new context (a reloaded configuration), also mixed into one turn with the old one.
    const thrice = { factor: 3 };
    const mixed = await Promise.all([o.run(1, TWICE), o.run(1, thrice), o.run(2, thrice), o.run(2, TWICE)]);
    expect(mixed.map((r) => r.n)).toEqual([2, 3, 6, 4]);
    expect(failures).toEqual([]);
  });

  it('fails only the item that throws; the others of its batch are answered', async () => {
    const failures: unknown[] = [];
    const o = start(failures);
    const results = await Promise.allSettled([1, -2, 3].map((n) => o.run(n, TWICE)));
    expect(results[0]).toEqual({ status: 'fulfilled', value: { n: 2, thread: 'main' } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'negative item -2' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { n: 6, thread: 'main' } });
    // The worker is still in use afterwards.
    expect(await o.run(4, TWICE)).toEqual({ n: 8, thread: 'worker' });
    expect(failures).toEqual([]);
  });

  it('answers every item on the event loop once the worker has died, and says so once', async () => {
    const failures: unknown[] = [];
    // A worker that dies before answering anything.
    const o = start(failures, () => new Worker('process.exit(3)', { eval: true }));
    const first = await Promise.all([1, 2, 3].map((n) => o.run(n, TWICE)));
    expect(first).toEqual([2, 4, 6].map((n) => ({ n, thread: 'main' })));
    expect(await o.run(4, TWICE)).toEqual({ n: 8, thread: 'main' });
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('exited with code 3');
  });

  it('after close, still answers (on the event loop) and reports no failure', async () => {
    const failures: unknown[] = [];
    const o = start(failures);
    const pending = o.run(1, TWICE);
    await o.close();
    expect(await pending).toEqual({ n: 2, thread: 'main' });
    expect(await o.run(2, TWICE)).toEqual({ n: 4, thread: 'main' });
    expect(failures).toEqual([]);
  });

  it('keeps a script alive while it owes answers, and lets it exit when idle', () => {
    const url = (file: string) => JSON.stringify(new URL(file, import.meta.url).href);
    const script = `const { createOffload } = await import(${url('./offload.ts')});
      const { multiply } = await import(${url('./offload.fixture.ts')});
      const o = createOffload({ mode: 'thread', worker: new URL(${url('./offload.fixture.ts')}), compute: multiply,
        onFailure: (err) => { throw err; } });
      await o.run(1, { factor: 2 });
      console.log(JSON.stringify(await o.run(21, { factor: 2 })));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(out.trim())).toEqual({ n: 42, thread: 'worker' });
  });
});
