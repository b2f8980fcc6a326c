/** Checks shared by the intake benchmarks: valid generated bodies, and one real request per endpoint first. */
import { CATEGORY_SEED } from '../src/server/modules/categories/category.seed.js';
import { answersSchema } from '../src/server/modules/categories/questionnaire.js';
import { ZReportCreate } from '../src/server/modules/intake/intake.schemas.js';
import type { ReportBody } from './report-bodies.js';
import type { Log } from './rounds.js';

export const INTAKE_PATH = '/api/v1/reports';
export const BASELINE_PATH = '/bench/baseline';

/** Fails loudly if a generated body would not pass the request schema or its category's questionnaire. */
export function validateBodies(bodies: ReportBody[]): void {
  const questionnaires = new Map(CATEGORY_SEED.map((c) => [c.code, answersSchema(c.questionnaire)]));
  bodies.forEach((body, i) => {
    const problems = (ZReportCreate.safeParse(body).error?.issues ?? []).map((issue) => issue.message);
    const questionnaire = questionnaires.get(body.category);
    if (!questionnaire) problems.push(`unknown category ${body.category}`);
    for (const issue of questionnaire?.safeParse(body.answers).error?.issues ?? []) {
      problems.push(`answers.${issue.path.join('.')}: ${issue.message}`);
    }
    const { length } = body.description;
    if (length < 60 || length > 400) problems.push(`description is ${length} characters, not 60-400`);
    if (problems.length > 0) {
      throw new Error(`generated body #${i} is invalid: ${problems.join('; ')}\n${JSON.stringify(body)}`);
    }
  });
}

/** One real request per endpoint (an anonymous and a named report) before any load: each must get 201. */
export async function smokeTest(log: Log, baseUrl: string, bodies: ReportBody[]): Promise<void> {
  const anonymous = bodies.find((b) => !b.reporter);
  const named = bodies.find((b) => b.reporter);
  const checks: [string, ReportBody | undefined][] = [
    [INTAKE_PATH, anonymous],
    [INTAKE_PATH, named],
    [BASELINE_PATH, anonymous],
  ];
  for (const [path, body] of checks) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 201) {
      throw new Error(`smoke test: POST ${path} answered ${response.status}, expected 201: ${text}`);
    }
  }
  log('smoke test passed (intake anonymous, intake named, baseline: 201)');
}
