import { readFileSync } from 'node:fs';
import { extractTargets } from '../src/server/modules/targets/target.extract.js';
import {
  ALIPAY_CUES,
  CARD_CUES,
  PLATFORM_CUES,
  TRACKING_PARAMS,
} from '../src/server/modules/targets/target.seed.js';
import { suggest, type TRule } from '../src/server/modules/triage/triage.engine.js';
import { RULE_SEED } from '../src/server/modules/triage/triage.seed.js';

const cfg = {
  platforms: PLATFORM_CUES,
  trackingParams: TRACKING_PARAMS,
  cardCues: CARD_CUES,
  alipayCues: ALIPAY_CUES,
  defaultHandlePlatform: 'weibo',
};
const rules: TRule[] = RULE_SEED.map((r) => ({
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
let ok = 0,
  pok = 0,
  n = 0,
  ur = 0,
  ut = 0;
for (const line of readFileSync(process.argv[2] ?? '/work/shared/corpus/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)) {
  const r = JSON.parse(line);
  n++;
  const kinds = extractTargets(r.text, cfg).map((t) => t.kind);
  const s = suggest(rules, r.text, kinds);
  if (s.category === r.category) ok++;
  else if (process.env.V) console.log(r.id, 'CAT', r.category, '->', s.category, JSON.stringify(s.scores));
  if (s.priority === r.priority) pok++;
  else if (process.env.P)
    console.log(r.id, 'PRI', r.priority, '->', s.priority, s.reasons.map((x) => x.rule).join(','));
  if (r.priority === 'urgent') {
    ut++;
    if (s.urgent) ur++;
  }
}
console.log({ cat: ok / n, pri: pok / n, urgentRecall: ur / ut });
