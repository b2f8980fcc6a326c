import { extractTargets } from '../src/server/modules/targets/target.extract.js';
import { suggest, type TRule } from '../src/server/modules/triage/triage.engine.js';
import { RULE_SEED } from '../src/server/modules/triage/triage.seed.js';
import { toConfig } from '../src/server/modules/targets/target.service.js';
import { TARGET_LIST_SEED } from '../src/server/modules/targets/target.seed.js';
import { searchTokens } from '../src/server/platform/text/segment.js';
import { simhash } from '../src/server/modules/targets/simhash.js';
import * as B from '../bench/report-bodies.js';
const cfg = toConfig(Object.entries(TARGET_LIST_SEED).flatMap(([list, values]) => values.map((value) => ({ list, value }))));
const rules: TRule[] = RULE_SEED.map((r) => ({ id: r.id, kind: r.kind, target: r.target, allOf: r.allOf, noneOf: r.noneOf ?? [], weight: r.weight ?? 1, reasonZh: '', reasonEn: '', enabled: true }));
const bodies = B.generateReportBodies(500);
for (const [name, fn] of [['tokens', (b: any) => searchTokens(b.description)], ['extract', (b: any) => [b.description, ...b.targets].map((x: string) => extractTargets(x, cfg))], ['suggest', (b: any) => suggest(rules, b.description)], ['simhash', (b: any) => simhash(b.description.split(''))]] as const) {
  const t0 = performance.now(); for (let k = 0; k < 3; k++) for (const b of bodies) (fn as any)(b); console.log(name, ((performance.now() - t0) / (3 * bodies.length)).toFixed(3), 'ms/report');
}
console.log(bodies[0]);
