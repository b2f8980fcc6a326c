import type { TTriageRule } from '../types.js';

/** The limits of PUT /triage/rules (the server's ZRule), checked before sending so errors sit by their fields. */
export const RULE_LIMITS = {
  id: 80,
  target: 50,
  groups: 10,
  cuesPerGroup: 50,
  cue: 50,
  noneOf: 50,
  reason: 200,
  weight: 10,
} as const;

/** Multi-group priority rules fire when one cue of each group occurs within this many characters. */
export const RULE_WINDOW = 60;

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

export interface TRuleDraft {
  id: string;
  kind: 'category' | 'priority';
  target: string;
  allOf: string[][];
  noneOf: string[];
  /** As typed (a number input's text). */
  weight: string;
  reasonZh: string;
  reasonEn: string;
  enabled: boolean;
}

export function draftOf(rule: TTriageRule): TRuleDraft {
  return {
    ...rule,
    allOf: rule.allOf.map((g) => [...g]),
    noneOf: [...rule.noneOf],
    weight: String(rule.weight),
  };
}

export const NEW_RULE: TRuleDraft = {
  id: '',
  kind: 'priority',
  target: 'high',
  allOf: [[]],
  noneOf: [],
  weight: '1',
  reasonZh: '',
  reasonEn: '',
  enabled: true,
};

/** A field's problem: an i18n key under `rules.error` and its parameters. */
export interface TRuleProblem {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Field problems of a draft, by the server's field paths (`id`, `allOf.0`, `noneOf`, `reasonZh` …), the same
 * rules the server applies (whole-number weights; reasons required for priority rules only), plus: a new
 * rule's id must not be taken.
 */
export function validateRule(draft: TRuleDraft, takenIds: string[] = []): Record<string, TRuleProblem> {
  const out: Record<string, TRuleProblem> = {};
  const L = RULE_LIMITS;
  const id = draft.id.trim();
  if (!id) out.id = { key: 'required' };
  else if (id.length > L.id) out.id = { key: 'tooLong', params: { max: L.id } };
  else if (takenIds.includes(id)) out.id = { key: 'idTaken', params: { id } };
  if (!draft.target.trim()) out.target = { key: 'required' };
  const weight = Number(draft.weight);
  if (draft.weight.trim() === '' || !Number.isFinite(weight)) out.weight = { key: 'number' };
  else if (!Number.isInteger(weight)) out.weight = { key: 'integer' };
  else if (Math.abs(weight) > L.weight) out.weight = { key: 'weightRange', params: { max: L.weight } };
  if (draft.allOf.length === 0) out.allOf = { key: 'noGroups' };
  if (draft.allOf.length > L.groups) out.allOf = { key: 'tooManyGroups', params: { max: L.groups } };
  draft.allOf.forEach((group, i) => {
    const problem = cuesProblem(group, L.cuesPerGroup);
    if (group.length === 0) out[`allOf.${i}`] = { key: 'emptyGroup' };
    else if (problem) out[`allOf.${i}`] = problem;
  });
  const none = cuesProblem(draft.noneOf, L.noneOf);
  if (none) out.noneOf = none;
  for (const field of ['reasonZh', 'reasonEn'] as const) {
    const text = draft[field].trim();
    // Staff see the reasons of priority rules only; a category rule's reasons are optional notes.
    if (!text && draft.kind === 'priority') out[field] = { key: 'required' };
    else if (text.length > L.reason) out[field] = { key: 'tooLong', params: { max: L.reason } };
  }
  return out;
}

function cuesProblem(cues: string[], max: number): TRuleProblem | undefined {
  if (cues.length > max) return { key: 'tooManyCues', params: { max } };
  const long = cues.find((c) => c.trim().length > RULE_LIMITS.cue);
  if (long) return { key: 'cueTooLong', params: { cue: long, max: RULE_LIMITS.cue } };
  return undefined;
}

/** The body of PUT /triage/rules for a valid draft. */
export function ruleBody(draft: TRuleDraft): TTriageRule {
  return {
    id: draft.id.trim(),
    kind: draft.kind,
    target: draft.target.trim(),
    allOf: draft.allOf.map((g) => g.map((c) => c.trim())),
    noneOf: draft.noneOf.map((c) => c.trim()),
    weight: Number(draft.weight),
    reasonZh: draft.reasonZh.trim(),
    reasonEn: draft.reasonEn.trim(),
    enabled: draft.enabled,
  };
}

/** A server field path (`allOf.0.3`, `reasonZh`) as the form field it belongs to (`allOf.0`, `reasonZh`). */
export function fieldOfPath(path: string): string {
  const parts = path.split('.');
  return parts[0] === 'allOf' && parts.length > 1 ? `allOf.${parts[1]}` : (parts[0] ?? path);
}

/**
 * What a rule does, as the parts of a plain sentence (i18n keys under `rules.meaning` and parameters), read
 * from the engine (src/server/modules/triage/triage.engine.ts): category rules add weight × distinct cues of the
 * first group; priority rules fire when every group has a cue, within the window when there are several.
 */
export function ruleMeaning(
  rule: Pick<TTriageRule, 'kind' | 'allOf' | 'noneOf' | 'weight' | 'target' | 'enabled'>,
) {
  const parts: { key: string; params?: Record<string, string | number> }[] = [];
  if (rule.kind === 'category') {
    parts.push({
      key: rule.weight < 0 ? 'categoryMinus' : 'category',
      params: { weight: Math.abs(rule.weight) },
    });
    if (rule.allOf.length > 1) parts.push({ key: 'categoryFirstGroupOnly' });
  } else if (rule.allOf.length > 1) {
    parts.push({ key: 'priorityGroups', params: { n: rule.allOf.length, window: RULE_WINDOW } });
  } else {
    parts.push({ key: 'priorityAny' });
  }
  if (rule.kind === 'priority' && rule.target === 'low') parts.push({ key: 'lowOnly' });
  if (rule.noneOf.length > 0) parts.push({ key: 'noneOf' });
  if (!rule.enabled) parts.push({ key: 'disabled' });
  return parts;
}
