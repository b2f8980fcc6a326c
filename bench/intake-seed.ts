/**
 * Loader extension for the intake-scale benchmark: for every seeded report, the rows of every other table
 * the intake statement writes (see ./intake-rows.ts), one `INSERT … SELECT FROM unnest(…)` per table per
 * batch. Hashes (receipt code HMACs, audit chain links, blind indexes) are random-looking bytes made in SQL
 * (a throwaway database: the audit chains are not meant to verify). Sealed identities are not linked from
 * their reports (intake only inserts them; nothing on its path reads them back).
 */
import type pg from 'pg';
import type { LoaderExtension } from './console-seed.js';
import { type IntakeRows, intakeRows, seededTargetConfig } from './intake-rows.js';

/** Tables filled here (their secondary indexes are dropped and rebuilt for big growth, then analysed). */
export const INTAKE_TABLES = [
  'report_targets',
  'targets',
  'case_targets',
  'case_first_reports',
  'report_fingerprints',
  'receipts',
  'case_events',
  'report_triage',
  'audit_log',
  'reporter_identities',
];

const iso = (d: Date) => d.toISOString();
/** 32 bytes that look random, from a unique text. */
const bytes32 = (expr: string) => `sha256(convert_to(${expr}, 'UTF8'))`;

async function insertRows(client: pg.PoolClient, rows: IntakeRows, keyId: string): Promise<void> {
  const rt = rows.reportTargets;
  await client.query(
    `INSERT INTO report_targets (report_id, target_key, case_id, value, derived, generic)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::boolean[], $6::boolean[])
     ON CONFLICT DO NOTHING`,
    [
      rt.map((t) => t.reportId),
      rt.map((t) => t.key),
      rt.map((t) => t.caseId),
      rt.map((t) => t.value),
      rt.map((t) => t.derived),
      rt.map((t) => t.generic),
    ],
  );
  const reg = rows.registry;
  await client.query(
    `INSERT INTO targets (key, kind, normalized, first_seen)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
    [
      reg.map((t) => t.key),
      reg.map((t) => t.kind),
      reg.map((t) => t.normalized),
      reg.map((t) => iso(t.firstSeen)),
    ],
  );
  await client.query(
    `INSERT INTO case_targets (target_key, case_id) SELECT * FROM unnest($1::text[], $2::uuid[])
     ON CONFLICT DO NOTHING`,
    [rows.caseTargets.map((t) => t.key), rows.caseTargets.map((t) => t.caseId)],
  );
  const fr = rows.firstReports;
  await client.query(
    `INSERT INTO case_first_reports (case_id, report_id, submitted_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])`,
    [fr.map((f) => f.caseId), fr.map((f) => f.reportId), fr.map((f) => iso(f.submittedAt))],
  );
  const fp = rows.fingerprints;
  await client.query(
    `INSERT INTO report_fingerprints (report_id, simhash, bands)
     SELECT u.id, u.h, ARRAY[u.b0, u.b1, u.b2, u.b3]
       FROM unnest($1::uuid[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[]) AS u(id, h, b0, b1, b2, b3)`,
    [
      fp.map((f) => f.reportId),
      fp.map((f) => f.simhash.toString()),
      ...[0, 1, 2, 3].map((b) => fp.map((f) => f.bands[b] ?? 0)),
    ],
  );
  const rc = rows.receipts;
  await client.query(
    `INSERT INTO receipts (code_hash, report_id, created_at)
     SELECT ${bytes32("u.id::text || ':receipt'")}, u.id, u.at FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)`,
    [rc.map((r) => r.reportId), rc.map((r) => iso(r.at))],
  );
  const ev = rows.events;
  await client.query(
    `INSERT INTO case_events (case_id, type, actor_type, payload, public, at)
     SELECT u.case_id, u.type, 'system', u.payload, true, u.at
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[]) AS u(case_id, type, payload, at)`,
    [
      ev.map((e) => e.caseId),
      ev.map((e) => e.type),
      ev.map((e) => JSON.stringify(e.payload)),
      ev.map((e) => iso(e.at)),
    ],
  );
  const tr = rows.triage;
  await client.query(
    `INSERT INTO report_triage (report_id, case_id, chosen_category, suggested_category, suggested_priority, reasons,
                                urgent, routed_department_id, routing_basis, at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[],
                          $8::uuid[], $9::text[], $10::timestamptz[])`,
    [
      tr.map((t) => t.reportId),
      tr.map((t) => t.caseId),
      tr.map((t) => t.chosen),
      tr.map((t) => t.suggested),
      tr.map((t) => t.priority),
      tr.map((t) => JSON.stringify(t.reasons)),
      tr.map((t) => t.urgent),
      tr.map((t) => t.departmentId),
      tr.map((t) => t.basis),
      tr.map((t) => iso(t.at)),
    ],
  );
  const au = rows.audit;
  await client.query(
    `INSERT INTO audit_log (chain, at, actor_type, action, subject_type, subject_id, payload, prev_hash, hash)
     SELECT u.chain, u.at, 'system', 'report.received', 'report', u.subject, u.payload,
            ${bytes32("u.subject || ':prev'")}, ${bytes32("u.subject || ':hash'")}
       FROM unnest($1::smallint[], $2::timestamptz[], $3::text[], $4::jsonb[]) AS u(chain, at, subject, payload)`,
    [
      au.map((a) => a.chain),
      au.map((a) => iso(a.at)),
      au.map((a) => a.subjectId),
      au.map((a) => JSON.stringify(a.payload)),
    ],
  );
  await client.query(
    `INSERT INTO reporter_identities (id, key_id, wrapped_key, sealed, phone_index, email_index, created_at)
     SELECT v.id, $1, substring(sha512(convert_to(v.id::text, 'UTF8')) FOR 60),
            sha512(convert_to(v.id::text || ':a', 'UTF8')) || sha512(convert_to(v.id::text || ':b', 'UTF8')),
            ${bytes32("v.id::text || ':phone'")}, ${bytes32("v.id::text || ':email'")}, v.at
       FROM (SELECT gen_random_uuid() AS id, u.at FROM unnest($2::timestamptz[]) AS u(at)) v`,
    [keyId, rows.identities.map((r) => iso(r.at))],
  );
}

/**
 * The extension. `departments` maps department codes to ids (for the timeline's department code); `keyId` is
 * the master key's id that sealed identities name.
 */
export function intakeExtension(departments: Record<string, string>, keyId: string): LoaderExtension {
  const cfg = seededTargetConfig();
  const knownApps = new Set<string>();
  const codes = new Map(Object.entries(departments).map(([code, id]) => [id, code]));
  return {
    tables: INTAKE_TABLES,
    prepare(batch) {
      const rows = intakeRows(batch, cfg, knownApps, codes);
      return (client) => insertRows(client, rows, keyId);
    },
  };
}
