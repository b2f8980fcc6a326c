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
  reasonZh: '',
  reasonEn: '',
  enabled: true,
}));
const rows = readFileSync('/work/shared/corpus/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
for (const r of rows)
  if (r.cluster.startsWith('dc')) {
    const t = extractTargets(r.text, cfg);
    console.log(
      r.cluster,
      r.id,
      r.category,
      suggest(
        rules,
        r.text,
        t.map((x) => x.kind),
      ).category,
      t.map((x) => x.normalized).join(' '),
    );
  }
