import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { AppError } from '../../platform/errors.js';
import { registerErrorHandling } from '../../platform/http/error-handler.js';
import { pdf, png } from './evidence.fixtures.js';
import { evidenceStaffRoutes, VIEWER_CSP } from './evidence.routes.js';

let t: TestApp;
let staffApp: FastifyInstance;
let dataDir: string;
const STAFF_ID = '00000000-0000-4000-8000-00000000a11c';
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-evidence-test-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  // The staff routes as the lead will wire them, with a stand-in access check: header `x-test-staff: allow`.
  staffApp = Fastify();
  staffApp.setValidatorCompiler(validatorCompiler);
  staffApp.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(staffApp, 1_048_576);
  await staffApp.register(evidenceStaffRoutes, {
    evidence: t.services.evidence,
    authorize: async (request) => {
      if (request.headers['x-test-staff'] !== 'allow') throw new AppError('evidence_not_found', 404);
      return { actorId: STAFF_ID };
    },
  });
  await staffApp.ready();
});
afterAll(async () => {
  await staffApp.close();
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A report (JSON intake) with evidence attached as a follow-up through `ingest` + `attach`. */
async function reportWithEvidence(files: { filename: string; data: Buffer }[]) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM reports WHERE report_no = $1', [
    res.json().reportNo,
  ]);
  const reportId = rows[0]?.id ?? '';
  async function* parts() {
    for (const f of files) yield { filename: f.filename, file: Readable.from([f.data]) };
  }
  const prepared = await t.services.evidence.ingest(parts());
  await t.services.evidence.attach(t.db.db, reportId, prepared, { type: 'reporter' });
  return { reportId, prepared };
}

describe('follow-up uploads (ingest + attach)', () => {
  it('adds evidence to a report with an evidence.added audit entry', async () => {
    const { reportId, prepared } = await reportWithEvidence([
      { filename: 'note.txt', data: Buffer.from('补充说明：对方又打来电话。\n') },
      { filename: 'shot.png', data: await png() },
    ]);
    const { rows } = await t.db.pool.query(
      'SELECT kind, source FROM evidence WHERE report_id = $1 ORDER BY kind',
      [reportId],
    );
    expect(rows).toEqual([
      { kind: 'image', source: 'reporter' },
      { kind: 'text', source: 'reporter' },
    ]);
    const { rows: audit } = await t.db.pool.query(
      `SELECT actor_type, subject_type, payload FROM audit_log WHERE action = 'evidence.added' AND subject_id = $1`,
      [reportId],
    );
    expect(audit).toEqual([
      {
        actor_type: 'reporter',
        subject_type: 'report',
        payload: { count: 2, evidenceIds: prepared.map((p) => p.id) },
      },
    ]);
  });

  it('refuses markup in a follow-up too, attaching nothing', async () => {
    async function* parts() {
      yield { filename: 'x.txt', file: Readable.from([Buffer.from('<svg onload="alert(1)"></svg>')]) };
    }
    await expect(t.services.evidence.ingest(parts())).rejects.toMatchObject({
      code: 'evidence_markup_refused',
      status: 415,
    });
  });
});

describe('staff evidence routes', () => {
  it('serves an image inline and a text file as attachment, sandboxed, and audits each download', async () => {
    const image = await png(5, 7);
    const { reportId, prepared } = await reportWithEvidence([
      { filename: 'a.png', data: image },
      { filename: 'b.txt', data: Buffer.from('plain words\n') },
      { filename: 'c.pdf', data: pdf() },
    ]);
    const list = await staffApp.inject({
      url: `/api/v1/staff/reports/${reportId}/evidence`,
      headers: { 'x-test-staff': 'allow' },
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(3);
    expect(list.body).not.toContain('a.png');

    const [img, txt, doc] = prepared;
    const get = (id: string | undefined) =>
      staffApp.inject({ url: `/api/v1/staff/evidence/${id}`, headers: { 'x-test-staff': 'allow' } });
    const shown = await get(img?.id);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toBe(`inline; filename="${img?.id}.png"`);
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(shown.headers['content-security-policy']).toBe(VIEWER_CSP);
    expect(shown.rawPayload.length).toBe(img?.storedBytes);
    const text = await get(txt?.id);
    expect(text.headers['content-disposition']).toBe(`attachment; filename="${txt?.id}.txt"`);
    expect(text.body).toBe('plain words\n');
    expect((await get(doc?.id)).headers['content-disposition']).toMatch(/^inline; /);

    const { rows } = await t.db.pool.query(
      `SELECT actor_type, actor_id, subject_type, subject_id FROM audit_log WHERE action = 'evidence.downloaded'
        ORDER BY seq`,
    );
    expect(rows.map((r) => r.subject_id)).toEqual([img?.id, txt?.id, doc?.id]);
    expect(rows[0]).toMatchObject({ actor_type: 'staff', actor_id: STAFF_ID, subject_type: 'evidence' });
  });

  it('answers 404 when not allowed or unknown, without an audit entry', async () => {
    const { prepared } = await reportWithEvidence([{ filename: 'n.txt', data: Buffer.from('x y z\n') }]);
    const before = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'evidence.downloaded'`,
    );
    const denied = await staffApp.inject({ url: `/api/v1/staff/evidence/${prepared[0]?.id}` });
    expect(denied.statusCode).toBe(404);
    const unknown = await staffApp.inject({
      url: '/api/v1/staff/evidence/00000000-0000-4000-8000-000000000000',
      headers: { 'x-test-staff': 'allow' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('evidence_not_found');
    const after = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'evidence.downloaded'`,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
