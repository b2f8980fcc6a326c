import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { searchTokens } from './segment.js';
import { createSegmenter, type Segmenter, threadSegmenter } from './segmenter.js';

const TEXTS = [
  '我被拉进一个叫“链上生态”的项目，入会要交980元，拉满三个人就能升级为合伙人，现在平台冻结了提现。',
  '有人在抖音号 zcebbaz4546 冒充客服，让我下载APP“安心贷”并转账到 6222 0212 3456 7890 123。',
  'Someone posted my home address and phone number on Weibo and keeps sending threats.',
  '',
  '   ',
  '，。！？',
];

let segmenter: Segmenter | undefined;
afterEach(async () => {
  await segmenter?.close();
  segmenter = undefined;
});

describe('segmenter on the event loop (TEXT_SEGMENTER=inline)', () => {
  it('gives the tokens searchTokens gives', async () => {
    segmenter = createSegmenter('inline', () => {
      throw new Error('an inline segmenter has no worker to fail');
    });
    const s = segmenter;
    expect(await Promise.all(TEXTS.map((t) => s.tokens(t)))).toEqual(TEXTS.map((t) => searchTokens(t)));
  });
});

describe('segmenter in a worker thread', () => {
  it('gives exactly the tokens the event loop would, for texts sent together and one by one', async () => {
    const failures: unknown[] = [];
    segmenter = threadSegmenter((err) => failures.push(err));
    const s = segmenter;
    const together = await Promise.all(TEXTS.map((t) => s.tokens(t)));
    expect(together).toEqual(TEXTS.map((t) => searchTokens(t)));
    for (const t of TEXTS) expect(await s.tokens(t)).toEqual(searchTokens(t));
    expect(together[0]).toContain('合伙人');
    expect(together[3]).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('answers every text on the event loop once the worker has died, and says so once', async () => {
    const failures: unknown[] = [];
    // A worker that dies before answering anything.
    segmenter = threadSegmenter(
      (err) => failures.push(err),
      () => new Worker('process.exit(3)', { eval: true }),
    );
    const s = segmenter;
    const first = await Promise.all(TEXTS.map((t) => s.tokens(t)));
    expect(first).toEqual(TEXTS.map((t) => searchTokens(t)));
    expect(await s.tokens(TEXTS[1] ?? '')).toEqual(searchTokens(TEXTS[1] ?? ''));
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('exited with code 3');
  });

  it('after close, still answers (on the event loop) and reports no failure', async () => {
    const failures: unknown[] = [];
    segmenter = threadSegmenter((err) => failures.push(err));
    const s = segmenter;
    const pending = s.tokens(TEXTS[0] ?? '');
    await s.close();
    expect(await pending).toEqual(searchTokens(TEXTS[0] ?? ''));
    expect(await s.tokens(TEXTS[2] ?? '')).toEqual(searchTokens(TEXTS[2] ?? ''));
    expect(failures).toEqual([]);
  });

  it('keeps a script alive while it owes answers, and lets it exit when idle', () => {
    const module = new URL('./segmenter.ts', import.meta.url).href;
    const script = `const { threadSegmenter } = await import(${JSON.stringify(module)});
      const s = threadSegmenter((err) => { throw err; });
      await s.tokens('第一份举报');
      console.log((await s.tokens('我被拉进一个叫链上生态的项目')).join('/'));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.trim()).toBe(searchTokens('我被拉进一个叫链上生态的项目').join('/'));
  });
});
