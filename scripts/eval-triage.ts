/**
 * `npm run eval:triage [-- --corpus FILE]`: runs every report of a labelled corpus (JSON lines: id, channel,
 * text, category, priority, targets[{kind, value, normalized}], cluster) through the real intake service on a
 * fresh database, in file order, with the category "not sure" (`other`), and prints one `name: value` per line:
 * - target_precision / target_recall: extracted (kind, normalised) pairs per report vs the gold ones;
 * - normalization_exact: share of gold targets whose normalised form matches exactly: the normaliser applied
 *   to the gold value (URL, domain, phone, app), or, for accounts and payments (whose platform comes from the
 *   words around them), the extracted target written the same way;
 * - cluster_precision / cluster_recall / cluster_f1: pairs of reports in the same case vs the same gold cluster;
 * - category_accuracy / category_macro_f1 / priority_accuracy / urgent_recall: the triage suggestions.
 * Progress goes to stderr.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import {
  normalizeTarget,
  type TTargetKind,
  trimEdges,
} from '../src/server/modules/targets/target.normalize.js';
import { loadConfig } from '../src/server/platform/config.js';
import { createLogger } from '../src/server/platform/logger.js';
import { openRuntime } from '../src/server/runtime.js';
import { seedDemo } from '../src/server/seed.js';
import { createServices } from '../src/server/services.js';

interface TGold {
  id: string;
  channel: string;
  text: string;
  category: string;
  priority: string;
  targets: { kind: TTargetKind; value: string; normalized: string }[];
  cluster: string;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/corpus/dev.jsonl') },
  },
});
const corpus: TGold[] = readFileSync(values.corpus ?? '', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as TGold);

const CHANNELS: Record<string, 'web' | 'email' | 'hotline' | 'partner'> = {
  web: 'web',
  email: 'email',
  hotline: 'hotline',
  api: 'partner',
  partner: 'partner',
};

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const loose = (v: string) => trimEdges(v).replace(/^@/, '').replace(/\s+/g, '').toLowerCase();

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-eval-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.LOG_LEVEL, pino.destination({ dest: 2, sync: true }));
  const runtime = await openRuntime(config, logger);
  try {
    await seedDemo(runtime.database.db);
    const services = createServices(config, runtime.database, runtime.keys);
    const ids = new Map<string, string>();
    for (const [n, r] of corpus.entries()) {
      const result = await services.intake.submit({
        channel: CHANNELS[r.channel] ?? 'web',
        category: 'other',
        description: r.text,
        answers: {},
        targets: [],
        language: 'zh-CN',
      });
      ids.set(r.id, result.reportId);
      if ((n + 1) % 40 === 0) process.stderr.write(`${n + 1}/${corpus.length} reports\n`);
    }
    const { rows } = await runtime.database.pool.query<{
      id: string;
      case_id: string;
      sc: string;
      sp: string;
      urgent: boolean;
      targets: { key: string; value: string }[] | null;
    }>(`SELECT r.id, r.case_id, t.suggested_category AS sc, t.suggested_priority AS sp, t.urgent,
              (SELECT json_agg(json_build_object('key', rt.target_key, 'value', rt.value)) FROM report_targets rt
                WHERE rt.report_id = r.id AND NOT rt.derived) AS targets
         FROM reports r JOIN report_triage t ON t.report_id = r.id`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    let tp = 0;
    let predicted = 0;
    let gold = 0;
    let exact = 0;
    let catOk = 0;
    let priOk = 0;
    let urgentGold = 0;
    let urgentHit = 0;
    const perCat = new Map<string, { tp: number; fp: number; fn: number }>();
    const cat = (c: string) => {
      const entry = perCat.get(c) ?? { tp: 0, fp: 0, fn: 0 };
      perCat.set(c, entry);
      return entry;
    };
    const cases: { cluster: string; caseId: string }[] = [];
    for (const r of corpus) {
      const row = byId.get(ids.get(r.id) ?? '');
      if (!row) throw new Error(`report ${r.id} not stored`);
      const got = row.targets ?? [];
      const want = new Set(r.targets.map((t) => `${t.kind}|${t.normalized}`));
      const have = new Set(got.map((t) => t.key));
      predicted += have.size;
      gold += want.size;
      for (const k of have) if (want.has(k)) tp += 1;
      for (const t of r.targets) {
        if (t.kind === 'account' || t.kind === 'payment') {
          const same = got.find((g) => loose(g.value) === loose(t.value));
          if (same?.key === `${t.kind}|${t.normalized}`) exact += 1;
        } else if (normalizeTarget(t.kind, t.value) === t.normalized) exact += 1;
      }
      if (row.sc === r.category) {
        catOk += 1;
        cat(r.category).tp += 1;
      } else {
        cat(r.category).fn += 1;
        cat(row.sc).fp += 1;
      }
      if (row.sp === r.priority) priOk += 1;
      if (r.priority === 'urgent') {
        urgentGold += 1;
        if (row.urgent) urgentHit += 1;
      }
      cases.push({ cluster: r.cluster, caseId: row.case_id });
    }
    let bothPairs = 0;
    let predPairs = 0;
    let goldPairs = 0;
    for (let i = 0; i < cases.length; i += 1) {
      for (let j = i + 1; j < cases.length; j += 1) {
        const a = cases[i];
        const b = cases[j];
        if (!a || !b) continue;
        const samePred = a.caseId === b.caseId;
        const sameGold = a.cluster === b.cluster;
        if (samePred) predPairs += 1;
        if (sameGold) goldPairs += 1;
        if (samePred && sameGold) bothPairs += 1;
      }
    }
    const macro =
      [...perCat.values()].reduce((s, c) => s + f1(ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn)), 0) /
      Math.max(perCat.size, 1);
    const cp = ratio(bothPairs, predPairs);
    const cr = ratio(bothPairs, goldPairs);
    const lines: [string, number][] = [
      ['target_precision', ratio(tp, predicted)],
      ['target_recall', ratio(tp, gold)],
      ['normalization_exact', ratio(exact, gold)],
      ['cluster_precision', cp],
      ['cluster_recall', cr],
      ['cluster_f1', f1(cp, cr)],
      ['category_accuracy', ratio(catOk, corpus.length)],
      ['category_macro_f1', macro],
      ['priority_accuracy', ratio(priOk, corpus.length)],
      ['urgent_recall', ratio(urgentHit, urgentGold)],
    ];
    for (const [name, value] of lines) process.stdout.write(`${name}: ${value.toFixed(3)}\n`);
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
