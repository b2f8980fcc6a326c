import { cachedLoader } from '../../platform/cache.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TLanguage } from '../../platform/http/language.js';
import { insertMissingCategories, listActiveCategories, type TCategoryRow } from './category.repository.js';
import { CATEGORY_SEED } from './category.seed.js';
import type { TQuestion } from './category.types.js';

const CACHE_MS = 15_000;

/**
 * Active categories, cached briefly per process (they change rarely and are read on every report). The
 * cache is only an optimisation: every instance re-reads within CACHE_MS of an edit.
 */
export function createCategoryService(db: DbOrTx) {
  const cache = cachedLoader(() => listActiveCategories(db), CACHE_MS);
  const all = () => cache.get();

  return {
    all,
    async find(code: string): Promise<TCategoryRow | undefined> {
      return (await all()).find((c) => c.code === code);
    },
    invalidate: cache.invalidate,
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;

function localiseQuestion(q: TQuestion, lang: TLanguage) {
  const pick = (t: { zh: string; en: string }) => (lang === 'en' ? t.en : t.zh);
  return {
    key: q.key,
    type: q.type,
    required: q.required,
    label: pick(q.label),
    ...(q.help ? { help: pick(q.help) } : {}),
    ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: pick(o.label) })) } : {}),
    ...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
    ...(q.min !== undefined ? { min: q.min } : {}),
    ...(q.max !== undefined ? { max: q.max } : {}),
  };
}

/** The public shape of a category in one language. */
export function presentCategory(c: TCategoryRow, lang: TLanguage) {
  const en = lang === 'en';
  return {
    code: c.code,
    parentCode: c.parentCode,
    name: en ? c.nameEn : c.nameZh,
    definition: en ? c.definitionEn : c.definitionZh,
    examples: en ? c.examplesEn : c.examplesZh,
    defaultPriority: c.defaultPriority,
    legalBasis: c.legalBasis.map((b) => ({
      law: en ? b.law.en : b.law.zh,
      article: en ? b.article.en : b.article.zh,
    })),
    questionnaire: c.questionnaire.map((q) => localiseQuestion(q, lang)),
  };
}

/** Adds the shipped categories that are missing (edited ones are left alone); returns how many were added. */
export async function seedCategories(db: DbOrTx): Promise<number> {
  return insertMissingCategories(
    db,
    CATEGORY_SEED.map((c) => ({
      code: c.code,
      parentCode: c.parentCode ?? null,
      nameZh: c.name.zh,
      nameEn: c.name.en,
      definitionZh: c.definition.zh,
      definitionEn: c.definition.en,
      examplesZh: c.examples.zh,
      examplesEn: c.examples.en,
      legalBasis: c.legalBasis,
      questionnaire: c.questionnaire,
      defaultPriority: c.defaultPriority,
      sortOrder: c.sortOrder,
    })),
  );
}
