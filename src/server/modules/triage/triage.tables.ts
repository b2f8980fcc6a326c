import { sql } from 'drizzle-orm';
import { boolean, char, check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Transparent triage rules staff can read and edit. A rule fires when every group in `allOf` has a cue present
 * (a cue is a word or phrase; a cue preceded by a negation such as 未/没有/不 does not count) and no cue of
 * `noneOf` is present. `kind = 'category'` adds `weight` to category `target`; `kind = 'priority'` suggests
 * priority `target` with its reason.
 */
export const triageRules = pgTable(
  'triage_rules',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<'category' | 'priority'>().notNull(),
    target: text('target').notNull(),
    allOf: jsonb('all_of').$type<string[][]>().notNull(),
    noneOf: jsonb('none_of').$type<string[]>().notNull().default([]),
    weight: integer('weight').notNull().default(1),
    reasonZh: text('reason_zh').notNull().default(''),
    reasonEn: text('reason_en').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff account that last saved the rule (null for seeded rules). */
    updatedBy: uuid('updated_by'),
  },
  () => [check('triage_rules_kind_check', sql`kind IN ('category', 'priority')`)],
);

/** Telephone area codes → region (routing from a landline number). */
export const phoneAreas = pgTable('phone_areas', {
  areaCode: text('area_code').primaryKey(),
  regionCode: char('region_code', { length: 6 }).notNull(),
});

/** The triage suggestion made for each report, and where it was routed (routing accuracy counts overrides). */
export const reportTriage = pgTable('report_triage', {
  reportId: uuid('report_id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  chosenCategory: text('chosen_category').notNull(),
  suggestedCategory: text('suggested_category').notNull(),
  suggestedPriority: text('suggested_priority').notNull(),
  reasons: jsonb('reasons').$type<{ rule: string; zh: string; en: string }[]>().notNull(),
  urgent: boolean('urgent').notNull().default(false),
  routedDepartmentId: uuid('routed_department_id').notNull(),
  routingBasis: text('routing_basis').notNull(),
  /** Open cases sharing a target that the report did not join ("possibly related"). */
  relatedCaseIds: uuid('related_case_ids').array().notNull().default(sql`'{}'::uuid[]`),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
