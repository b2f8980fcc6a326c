import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { TLegalBasis, TQuestion } from './category.types.js';

export const categories = pgTable(
  'categories',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code').references((): AnyPgColumn => categories.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    definitionZh: text('definition_zh').notNull(),
    definitionEn: text('definition_en').notNull(),
    examplesZh: text('examples_zh').notNull().default(''),
    examplesEn: text('examples_en').notNull().default(''),
    legalBasis: jsonb('legal_basis').$type<TLegalBasis[]>().notNull().default([]),
    questionnaire: jsonb('questionnaire').$type<TQuestion[]>().notNull().default([]),
    defaultPriority: text('default_priority').$type<TPriority>().notNull().default('normal'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('categories_priority_check', sql`default_priority IN ('urgent', 'high', 'normal', 'low')`)],
);

export type TPriority = 'urgent' | 'high' | 'normal' | 'low';
