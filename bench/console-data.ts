/**
 * Synthetic but realistic cases and reports for the console benchmark, generated in deterministic batches:
 * descriptions come from the intake benchmark's templates (bench/report-bodies.ts), search tokens from the
 * app's own jieba segmentation, and departments, states, priorities and channels follow plausible shares
 * (most cases closed, open ones mostly recent; opened over the past year; a few transferred; one report per
 * case mostly).
 */
import { randomUUID } from 'node:crypto';
import { OPEN_STATES } from '../src/server/modules/cases/case.states.js';
import type { TCaseState } from '../src/server/modules/cases/case.tables.js';
import { searchTokens } from '../src/server/platform/text/segment.js';
import { createRng, generateReportBodies } from './report-bodies.js';

type Rng = () => number;

export interface BenchCase {
  id: string;
  caseNo: string;
  categoryCode: string;
  priority: string;
  departmentId: string;
  assigneeId: string | null;
  state: TCaseState;
  outcome: string | null;
  closedAt: Date | null;
  openedAt: Date;
  updatedAt: Date;
}

export interface BenchReport {
  id: string;
  reportNo: string;
  caseId: string;
  channel: string;
  categoryCode: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
  occurredAt: Date | null;
  regionCode: string | null;
  tokens: string;
  submittedAt: Date;
}

export interface BenchPrevious {
  caseId: string;
  departmentId: string;
  since: Date;
}

export interface BenchBatch {
  cases: BenchCase[];
  reports: BenchReport[];
  previous: BenchPrevious[];
}

const DAY = 86_400_000;
/** Share of cases with a second report (the same harm reported twice and merged into one case). */
const SECOND_REPORT = 0.04;
/** Share of cases transferred once (the previous department keeps read access). */
const TRANSFERRED = 0.03;

function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng() * total;
  for (const [value, w] of table) {
    roll -= w;
    if (roll < 0) return value;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

const PRIORITIES = [
  ['urgent', 2],
  ['high', 13],
  ['normal', 70],
  ['low', 15],
] as const;
const CHANNELS = [
  ['web', 70],
  ['hotline', 15],
  ['email', 10],
  ['partner', 5],
] as const;
/** Open states and their shares among open cases. */
const OPEN_SHARES: readonly (readonly [TCaseState, number])[] = [
  ['received', 25],
  ['accepted', 15],
  ['verifying', 30],
  ['awaiting_info', 10],
  ['decided', 8],
  ['actioned', 7],
  ['reopened', 5],
];
const FINAL_SHARES: readonly (readonly [TCaseState, number])[] = [
  ['closed', 85],
  ['not_accepted', 12],
  ['merged', 3],
];
const OUTCOMES = [
  ['substantiated', 45],
  ['partly_substantiated', 20],
  ['unsubstantiated', 35],
] as const;
/** Cities by where reporters without a region end up. */
const CITY_SHARES = [
  ['GZ', 30],
  ['SZ', 30],
  ['HZ', 24],
  ['NB', 16],
] as const;
const REGION_TO_DEPARTMENT: Record<string, string> = {
  '4401': 'GZ',
  '4403': 'SZ',
  '3301': 'HZ',
  '3302': 'NB',
  '4400': 'GD',
  '3300': 'ZJ',
};
const PARENT: Record<string, string> = { GZ: 'GD', SZ: 'GD', HZ: 'ZJ', NB: 'ZJ', GD: 'CN', ZJ: 'CN' };

export interface GeneratorContext {
  /** Department id by code (CN, GD, GZ, SZ, ZJ, HZ, NB). */
  departments: Record<string, string>;
  /** "Now" for the whole run, so both phases see the same calendar. */
  now: number;
}

function assigneePool(departments: Record<string, string>): Record<string, string[]> {
  const rng = createRng(7);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  const pools: Record<string, string[]> = {};
  for (const code of Object.keys(departments)) {
    pools[code] = Array.from({ length: 30 }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`);
  }
  return pools;
}

function stateFor(rng: Rng, ageDays: number): TCaseState {
  // Nearly everything older than a few weeks is finished; a few long-running cases stay open.
  const open = 0.9 * Math.exp(-ageDays / 15) + 0.01;
  return rng() < open ? weighted(rng, OPEN_SHARES) : weighted(rng, FINAL_SHARES);
}

function departmentFor(rng: Rng, category: string, regionCode: string | undefined): string {
  if (category === 'terror') return 'CN';
  let code = regionCode ? REGION_TO_DEPARTMENT[regionCode.slice(0, 4)] : undefined;
  code ??= weighted(rng, CITY_SHARES);
  // Some cases are escalated: a city's to its province, a province's to the national centre.
  const roll = rng();
  if (roll < 0.05 && PARENT[code]) code = PARENT[code] as string;
  else if (roll < 0.07) code = 'CN';
  return code;
}

/** Returns batch `index` of `size` cases (numbered from `index * size`), the same every run but for ids. */
export function createGenerator(ctx: GeneratorContext) {
  const pools = assigneePool(ctx.departments);
  return (index: number, size: number) => generateBatch(ctx, pools, index, size);
}

function generateBatch(
  ctx: GeneratorContext,
  pools: Record<string, string[]>,
  index: number,
  size: number,
): BenchBatch {
  const rng = createRng(90_000 + index);
  const bodies = generateReportBodies(Math.ceil(size * (1 + SECOND_REPORT * 2)), 20_270_000 + index);
  let next = 0;
  const batch: BenchBatch = { cases: [], reports: [], previous: [] };
  for (let i = 0; i < size; i++) {
    const seq = index * size + i;
    const body = bodies[next++ % bodies.length];
    if (!body) throw new Error('no body');
    const ageDays = rng() * 365;
    const openedAt = new Date(ctx.now - ageDays * DAY);
    const state = stateFor(rng, ageDays);
    const finished = !OPEN_STATES.includes(state);
    const closedAt = finished
      ? new Date(Math.min(ctx.now, openedAt.getTime() + (1 + rng() * 40) * DAY))
      : null;
    const departmentCode = departmentFor(rng, body.category, body.regionCode);
    const unassigned =
      state === 'received' ||
      (state === 'accepted' && rng() < 0.4) ||
      (state === 'reopened' && rng() < 0.5) ||
      (state === 'not_accepted' && rng() < 0.5);
    const pool = pools[departmentCode] ?? [];
    const assigneeId = unassigned ? null : (pool[Math.floor(rng() * pool.length)] ?? null);
    const outcome =
      state === 'decided' || state === 'actioned' || state === 'closed' ? weighted(rng, OUTCOMES) : null;
    const id = randomUUID();
    const day = openedAt.toISOString().slice(0, 10).replaceAll('-', '');
    batch.cases.push({
      id,
      caseNo: `AJ${day}-B${String(seq).padStart(7, '0')}`,
      categoryCode: body.category,
      priority: weighted(rng, PRIORITIES),
      departmentId: ctx.departments[departmentCode] as string,
      assigneeId,
      state,
      outcome,
      closedAt,
      openedAt,
      updatedAt: closedAt ?? new Date(Math.min(ctx.now, openedAt.getTime() + rng() * 5 * DAY)),
    });
    const reportCount = rng() < SECOND_REPORT ? 2 : 1;
    for (let r = 0; r < reportCount; r++) {
      const b = r === 0 ? body : bodies[next++ % bodies.length];
      if (!b) throw new Error('no body');
      batch.reports.push({
        id: randomUUID(),
        reportNo: `JB${day}-B${String(seq).padStart(7, '0')}-${r}`,
        caseId: id,
        channel: weighted(rng, CHANNELS),
        categoryCode: body.category,
        description: b.description,
        answers: b.answers,
        targets: b.targets,
        occurredAt: b.occurredAt ? new Date(b.occurredAt) : null,
        regionCode: b.regionCode ?? null,
        tokens: searchTokens(b.description).join(' '),
        submittedAt: new Date(openedAt.getTime() + r * rng() * 3 * DAY),
      });
    }
    if (rng() < TRANSFERRED) {
      const others = Object.keys(ctx.departments).filter((c) => c !== departmentCode);
      const from = others[Math.floor(rng() * others.length)] as string;
      batch.previous.push({
        caseId: id,
        departmentId: ctx.departments[from] as string,
        since: new Date(openedAt.getTime() + rng() * 2 * DAY),
      });
    }
  }
  return batch;
}
