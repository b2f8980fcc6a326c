import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree (materialised department paths, e.g. `cn.gd.gz`). */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

/** PostgreSQL tsvector (a report's search tokens as lexemes: `array_to_tsvector`, see `searchTokens`). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** PostgreSQL bytea as a Node Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
