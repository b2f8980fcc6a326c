import { describe, expect, it } from 'vitest';
import { higherPriority, suggest, type TRule } from './triage.engine.js';

let n = 0;
function rule(partial: Partial<TRule> & Pick<TRule, 'kind' | 'target' | 'allOf'>): TRule {
  n++;
  return {
    id: `r${n}`,
    noneOf: [],
    weight: 1,
    reasonZh: `理由${n}`,
    reasonEn: `reason ${n}`,
    enabled: true,
    ...partial,
  };
}

const fraud = rule({
  kind: 'category',
  target: 'fraud',
  allOf: [['转账', '刷单', '返利', 'APP']],
  weight: 1,
});
const gambling = rule({ kind: 'category', target: 'gambling', allOf: [['赌博', '下注', '博彩']], weight: 1 });
const minorHarm = rule({
  kind: 'priority',
  target: 'urgent',
  allOf: [
    ['<18岁>', '小学生'],
    ['裸照', '威胁'],
  ],
});
const bigLoss = rule({ kind: 'priority', target: 'high', allOf: [['<金额≥50000>']] });
const mild = rule({ kind: 'priority', target: 'low', allOf: [['广告']], noneOf: ['诈骗'] });
const rules = [fraud, gambling, minorHarm, bigLoss, mild];

describe('triage engine', () => {
  it('suggests the category whose cues occur most (each cue counted once, times the weight)', () => {
    const s = suggest(rules, '对方让我下载APP刷单返利，我转账后又让我转账');
    expect(s.category).toBe('fraud');
    expect(s.scores.fraud).toBe(4);
    expect(s.scores.gambling).toBe(0);
  });

  it('answers other below two points, and a payment target adds two to fraud', () => {
    expect(suggest(rules, '有人在群里下注').category).toBe('other');
    expect(suggest(rules, '有人在群里下注', ['payment']).category).toBe('fraud');
  });

  it('ignores a negated cue and an ASCII cue inside a longer word', () => {
    expect(suggest(rules, '我没转账，也没刷单').scores.fraud).toBe(0);
    expect(suggest(rules, 'the happy apps were 赌博 and 博彩').scores).toMatchObject({
      fraud: 0,
      gambling: 2,
    });
    expect(suggest(rules, '下载 app 后 刷单').scores.fraud).toBe(2);
  });

  it('fires a multi-group priority rule only when its groups occur within the window', () => {
    const near = suggest(rules, '对方知道她才12岁，拿裸照威胁她');
    expect(near).toMatchObject({ priority: 'urgent', urgent: true });
    expect(near.reasons).toEqual([{ rule: minorHarm.id, zh: minorHarm.reasonZh, en: minorHarm.reasonEn }]);
    const far = suggest(rules, `她今年12岁。${'后来的事情很复杂。'.repeat(10)}有人威胁我`);
    expect(far.priority).not.toBe('urgent');
    expect(suggest(rules, '他说自己25岁，拿裸照威胁我').priority).not.toBe('urgent');
  });

  it('reads amounts in digits and in Chinese numerals against a threshold cue', () => {
    expect(suggest(rules, '我一共被骗了60000元').priority).toBe('high');
    expect(suggest(rules, '前后损失了三万多，后来又是两万', ['url']).priority).toBe('normal');
    expect(suggest(rules, '损失了十二万').priority).toBe('high');
    expect(suggest(rules, '损失5.5万').priority).toBe('high');
    expect(suggest(rules, '损失4000元', ['url']).priority).toBe('normal');
  });

  it('lowers to low only when nothing higher fired, honours noneOf, and skips disabled rules', () => {
    expect(suggest(rules, '群里天天发广告，下载APP转账').priority).toBe('low');
    expect(suggest(rules, '群里天天发广告，其实是诈骗', ['url']).priority).toBe('normal');
    // Nothing recognisable at all (no category, no priority rule, no target): low.
    expect(suggest(rules, '群里天天发广告，其实是诈骗').priority).toBe('low');
    const off = [{ ...bigLoss, enabled: false }];
    expect(suggest(off, '被骗了100000元').priority).toBe('low');
    expect(suggest(off, '被骗了100000元', ['url']).priority).toBe('normal');
  });

  it('treats full-width and upper-case text like its plain form', () => {
    expect(suggest(rules, '下载ＡＰＰ后转账').scores.fraud).toBe(2);
  });

  it('orders priorities', () => {
    expect(higherPriority('normal', 'urgent')).toBe('urgent');
    expect(higherPriority('high', 'low')).toBe('high');
  });
});
