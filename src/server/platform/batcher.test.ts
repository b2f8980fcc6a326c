import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('group-commit batcher', () => {
  it('groups what arrives in one turn of the event loop and while a batch is in flight', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (items) => {
        batches.push(items);
        await tick();
        return items.map((i) => i * 2);
      },
    });
    expect(await batcher.add(100)).toBe(200);
    expect(batches).toEqual([[100]]);
    const first = Array.from({ length: 3 }, (_, i) => batcher.add(i));
    await new Promise((r) => setImmediate(r));
    // the first three are in flight; these 22 arrive meanwhile and wait for it
    const rest = Array.from({ length: 22 }, (_, i) => batcher.add(i + 3));
    const results = await Promise.all([...first, ...rest]);
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
    expect(batches.slice(1).map((b) => b.length)).toEqual([3, 10, 10, 2]);
  });

  it('retries each item alone after a failed batch, so one bad item fails only itself', async () => {
    const batcher = createBatcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (items) => {
        await tick();
        if (items.includes(3)) throw new Error('bad item 3');
        return items;
      },
    });
    const settled = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => batcher.add(i)));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });

  it('fails the whole batch at once when the database is unavailable', async () => {
    let calls = 0;
    const batcher = createBatcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async () => {
        calls++;
        await tick();
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.add(i)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
  });
});
