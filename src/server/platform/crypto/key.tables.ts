import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.js';

/** Keys the application keeps in its own database, each wrapped by the master key (never stored in clear). */
export const keyMaterial = pgTable('key_material', {
  purpose: text('purpose').primaryKey(),
  keyId: text('key_id').notNull(),
  wrappedKey: bytea('wrapped_key').notNull(),
  /** The key itself, sealed under its own data key (the same envelope as reporter identities). */
  sealed: bytea('sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
