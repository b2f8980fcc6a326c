import { readFileSync } from 'node:fs';
import { extractTargets } from '../src/server/modules/targets/target.extract.js';
import {
  ALIPAY_CUES,
  CARD_CUES,
  PLATFORM_CUES,
  TRACKING_PARAMS,
} from '../src/server/modules/targets/target.seed.js';

const cfg = {
  platforms: PLATFORM_CUES,
  trackingParams: TRACKING_PARAMS,
  cardCues: CARD_CUES,
  alipayCues: ALIPAY_CUES,
  defaultHandlePlatform: 'weibo',
};
let tp = 0,
  fp = 0,
  fn = 0;
for (const line of readFileSync(process.argv[2] ?? '/work/shared/corpus/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)) {
  const r = JSON.parse(line);
  const got = extractTargets(r.text, cfg);
  const g = new Set(r.targets.map((t: any) => `${t.kind}|${t.normalized}`));
  const p = new Set(got.map((t) => `${t.kind}|${t.normalized}`));
  for (const x of p)
    if (g.has(x)) tp++;
    else {
      fp++;
      console.log(r.id, 'FP', x);
    }
  for (const x of g)
    if (!p.has(x)) {
      fn++;
      console.log(r.id, 'FN', x);
    }
}
console.log({ tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) });
