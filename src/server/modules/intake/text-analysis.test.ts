import { afterEach, describe, expect, it } from 'vitest';
import { searchTokens } from '../../platform/text/segment.js';
import { simhash } from '../targets/simhash.js';
import { toConfig } from '../targets/target.config.js';
import { TARGET_LIST_SEED } from '../targets/target.seed.js';
import type { TRule } from '../triage/triage.engine.js';
import { RULE_SEED } from '../triage/triage.seed.js';
import { analyseTexts, createTextAnalyser, type TextAnalyser, type TTextInput } from './text-analysis.js';

const targets = toConfig(
  Object.entries(TARGET_LIST_SEED).flatMap(([list, values]) => values.map((value) => ({ list, value }))),
);
const seededRules: TRule[] = RULE_SEED.map((r) => ({
  id: r.id,
  kind: r.kind,
  target: r.target,
  allOf: r.allOf,
  noneOf: r.noneOf ?? [],
  weight: r.weight ?? 1,
  reasonZh: r.reason?.zh ?? '',
  reasonEn: r.reason?.en ?? '',
  enabled: true,
}));

const INPUTS: TTextInput[] = [
  {
    description:
      '有人在抖音号 zcebbaz4546 冒充客服，让我下载APP“安心贷”并转账到 6222 0212 3456 7890 123，网址 Ｗｗｗ.Ａｎｘｉｎ-ｄａｉ.ｃｏｍ/ｌｏａｎ?utm_source=x',
    explicit: ['+86 138-0013-8000'],
  },
  {
    description: '我被拉进一个叫“链上生态”的项目，入会要交980元，拉满三个人就能升级为合伙人。',
    explicit: [],
  },
  {
    description: 'Someone posted my home address and phone number on Weibo and keeps sending threats.',
    explicit: [],
  },
  { description: '，。！？', explicit: ['https://t.cn/abc'] },
];

let analyser: TextAnalyser | undefined;
afterEach(async () => {
  await analyser?.close();
  analyser = undefined;
});

function start(mode: 'thread' | 'inline', rules: () => TRule[], failures: unknown[]) {
  analyser = createTextAnalyser({
    mode,
    targetConfig: async () => targets,
    rules: async () => rules(),
    onFailure: (err) => failures.push(err),
  });
  return analyser;
}

describe('text analysis', () => {
  it('reads tokens, fingerprint, targets and a suggestion from one text', () => {
    const [first] = analyseTexts([INPUTS[0] as TTextInput], { targets, rules: seededRules });
    const tokens = searchTokens(INPUTS[0]?.description ?? '');
    expect(first?.tokens).toBe(tokens.join(' '));
    expect(first?.simhash).toBe(simhash(tokens));
    const keys = first?.analysis.targets.map((t) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'phone|+8613800138000',
        'domain|anxin-dai.com',
        'url|http://www.anxin-dai.com/loan',
      ]),
    );
    expect(first?.suggestion.category).toBe('fraud');
  });

  for (const mode of ['thread', 'inline'] as const) {
    it(`gives in ${mode} mode exactly what the pure function gives, together and one by one`, async () => {
      const failures: unknown[] = [];
      const a = start(mode, () => seededRules, failures);
      const expected = analyseTexts(INPUTS, { targets, rules: seededRules });
      expect(await Promise.all(INPUTS.map((i) => a.analyse(i)))).toEqual(expected);
      for (const [i, input] of INPUTS.entries()) expect(await a.analyse(input)).toEqual(expected[i]);
      expect(failures).toEqual([]);
    });
  }

  it('reads with the rules of the moment: a reloaded rule set reaches the worker', async () => {
    const failures: unknown[] = [];
    let rules = seededRules;
    const a = start('thread', () => rules, failures);
    const input = { description: '邻居家的鹦鹉每天清晨大声唱歌，吵得整栋楼无法休息。', explicit: [] };
    expect((await a.analyse(input)).suggestion.category).toBe('other');
    rules = [
      ...seededRules,
      {
        id: 'test.parrot',
        kind: 'category',
        target: 'rumor',
        allOf: [['鹦鹉']],
        noneOf: [],
        weight: 3,
        reasonZh: '',
        reasonEn: '',
        enabled: true,
      },
    ];
    expect((await a.analyse(input)).suggestion.category).toBe('rumor');
    expect(failures).toEqual([]);
  });
});
