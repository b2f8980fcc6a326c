import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  char,
  check,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ltree } from '../../platform/db/types.js';

export type TDepartmentLevel = 'national' | 'province' | 'city' | 'district';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    path: ltree('path').notNull().unique(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level').$type<TDepartmentLevel>().notNull(),
    regionCode: char('region_code', { length: 6 }).notNull(),
    competentCategories: text('competent_categories').array().notNull().default(sql`'{}'::text[]`),
    /** Revealing a reporter's identity in this department needs a second person's approval. */
    revealNeedsApproval: boolean('reveal_needs_approval').notNull().default(false),
    /** IANA time zone of the centre: its deadlines end at local midnight there (validated with Intl). */
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('departments_path_gist').using('gist', t.path),
    index('departments_region_idx').on(t.regionCode),
    check('departments_level_check', sql`level IN ('national', 'province', 'city', 'district')`),
    check('departments_region_code_check', sql`region_code ~ '^[0-9]{6}$'`),
  ],
);
