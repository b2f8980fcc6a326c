import type { TSlaUnit } from '../../platform/calendar/calendar.js';
import type { TSlaStage } from './sla.tables.js';

export interface TSlaRuleSeed {
  stage: TSlaStage;
  categoryCode?: string;
  priority?: string;
  channel?: string;
  /** Only for cases opened by a trusted flagger's report. */
  trustedFlagger?: boolean;
  unit: TSlaUnit;
  amount: number;
  extensionsAllowed?: number;
  extensionMaxDays?: number;
  source: string;
}

/** Categories handled under market-regulation rules (pyramid selling, IP infringement). */
const MARKET_REGULATION = ['pyramid', 'infringement'];

/**
 * The national defaults (department NULL), each with its source. Where several rules match a case, the
 * strictest (earliest deadline) applies: an urgent report is accepted within 24 hours whatever its category.
 */
export const SLA_RULE_SEED: TSlaRuleSeed[] = [
  {
    stage: 'acknowledgement',
    unit: 'working_days',
    amount: 1,
    source: '中心工作规范（实践）：收到举报后 1 个工作日内确认接收、分派承办人。',
  },
  {
    stage: 'acceptance',
    unit: 'calendar_days',
    amount: 15,
    source: '《信访工作条例》第二十三条：自收到之日起 15 日内书面告知是否受理。',
  },
  ...MARKET_REGULATION.map(
    (categoryCode): TSlaRuleSeed => ({
      stage: 'acceptance',
      categoryCode,
      unit: 'working_days',
      amount: 7,
      source: '《市场监督管理投诉举报处理暂行办法》：自收到之日起 7 个工作日内作出受理或者不予受理的决定。',
    }),
  ),
  {
    stage: 'acceptance',
    priority: 'urgent',
    unit: 'hours',
    amount: 24,
    source: '中心工作规范（实践）：紧急举报 24 小时内处置。',
  },
  {
    stage: 'acceptance',
    trustedFlagger: true,
    unit: 'hours',
    amount: 24,
    source: '中心工作规范（实践）：可信标记者（经认定为可信的合作平台、机构）报送的举报 24 小时内处置。',
  },
  {
    stage: 'handling',
    unit: 'calendar_days',
    amount: 60,
    extensionsAllowed: 1,
    extensionMaxDays: 30,
    source:
      '《信访工作条例》第三十四条：自受理之日起 60 日内办结；情况复杂的，经批准可适当延长，延长不超过 30 日，并告知延期理由。',
  },
  {
    stage: 'feedback',
    unit: 'working_days',
    amount: 5,
    source: '中心工作规范（实践）：作出核查结论后 5 个工作日内向举报人反馈。',
  },
  {
    stage: 'appeal_review',
    unit: 'calendar_days',
    amount: 30,
    source: '《信访工作条例》第三十五条、第三十六条：复查、复核自收到请求之日起 30 日内提出意见。',
  },
];
