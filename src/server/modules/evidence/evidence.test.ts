import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { unseal } from '../../platform/crypto/seal.js';
import {
  heicHeader,
  jpegWithGpsAndOrientation,
  multipart,
  pdf,
  png,
  type TFormPart,
} from './evidence.fixtures.js';
import { FILENAME_CONTEXT } from './evidence.service.js';

let t: TestApp;
let dataDir: string;
let uploadTmp: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-evidence-test-'));
  // A private temporary directory for this test process, so leftover upload files can be counted.
  uploadTmp = path.join(dataDir, 'tmp');
  await mkdir(uploadTmp);
  process.env.TMPDIR = uploadTmp;
  t = await createTestApp({ DATA_DIR: dataDir, LOG_LEVEL: 'trace' });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const storedPath = (hex: string) => path.join(dataDir, 'evidence', hex.slice(0, 2), hex.slice(2, 4), hex);

async function submit(files: TFormPart[], report: unknown = reportBody(), lang = 'en') {
  const parts: TFormPart[] = [{ name: 'report', value: JSON.stringify(report) }, ...files];
  const { payload, headers } = await multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload,
    headers: { ...headers, 'accept-language': lang },
  });
}

async function evidenceOf(reportNo: string) {
  const { rows } = await t.db.pool.query(
    `SELECT e.* FROM evidence e JOIN reports r ON r.id = e.report_id WHERE r.report_no = $1 ORDER BY e.mime`,
    [reportNo],
  );
  return rows;
}

async function storedFiles(): Promise<string[]> {
  const root = path.join(dataDir, 'evidence');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function uploadDirs(): Promise<string[]> {
  return (await readdir(uploadTmp)).filter((n) => n.startsWith('qinglang-upload-'));
}

async function counts() {
  const { rows } = await t.db.pool.query<{ evidence: number; reports: number }>(
    'SELECT (SELECT count(*)::int FROM evidence) AS evidence, (SELECT count(*)::int FROM reports) AS reports',
  );
  return { ...rows[0], files: (await storedFiles()).length, temp: (await uploadDirs()).length };
}

describe('evidence on report submission (multipart)', () => {
  it('strips EXIF/GPS from a JPEG, keeps its orientation in the pixels, and records both hashes', async () => {
    const marker = `desc-${randomBytes(6).toString('hex')}`;
    const jpeg = await jpegWithGpsAndOrientation(marker);
    const before = await sharp(jpeg).metadata();
    expect([before.width, before.height, before.orientation]).toEqual([40, 20, 6]);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer (little-endian)
    expect(jpeg.includes(Buffer.from(marker))).toBe(true);

    const res = await submit([{ name: 'file', filename: 'photo.jpg', type: 'image/jpeg', data: jpeg }]);
    expect(res.statusCode, res.body).toBe(201);
    const [row, ...more] = await evidenceOf(res.json().reportNo);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      width: 20,
      height: 40,
      source: 'reporter',
    });
    expect(Number(row.received_bytes)).toBe(jpeg.length);
    expect(row.received_sha256.toString('hex')).toBe(sha256(jpeg));

    const stored = await readFile(storedPath(row.stored_sha256.toString('hex')));
    expect(sha256(stored)).toBe(row.stored_sha256.toString('hex'));
    expect(Number(row.stored_bytes)).toBe(stored.length);
    expect(row.storage_key).toBe(
      `${sha256(stored).slice(0, 2)}/${sha256(stored).slice(2, 4)}/${sha256(stored)}`,
    );
    expect(row.stored_sha256.equals(row.received_sha256)).toBe(false);
    const after = await sharp(stored).metadata();
    expect(after.format).toBe('jpeg');
    expect([after.width, after.height]).toEqual([20, 40]); // rotated pixels, not a flag
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(Buffer.from('QinglangTestCam'))).toBe(false);
  });

  it('stores a report with a PNG and a PDF end to end; file names are sealed and appear nowhere', async () => {
    const secret = `举报证据-${randomBytes(8).toString('hex')}`;
    const image = await png();
    const doc = pdf();
    const audit0 = await t.db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    const res = await submit([
      { name: 'file', filename: `${secret}.png`, type: 'image/png', data: image },
      { name: 'file', filename: `${secret}.pdf`, type: 'application/pdf', data: doc },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const rows = await evidenceOf(res.json().reportNo);
    expect(rows.map((r) => [r.kind, r.mime])).toEqual([
      ['document', 'application/pdf'],
      ['image', 'image/png'],
    ]);
    const [pdfRow, pngRow] = rows;
    // A PDF is stored as received; the PNG is re-encoded.
    expect(pdfRow.received_sha256.toString('hex')).toBe(sha256(doc));
    expect(pdfRow.stored_sha256.toString('hex')).toBe(sha256(doc));
    expect(await readFile(storedPath(sha256(doc)))).toEqual(doc);
    expect(pngRow.received_sha256.toString('hex')).toBe(sha256(image));
    const storedPng = await readFile(storedPath(pngRow.stored_sha256.toString('hex')));
    expect((await sharp(storedPng).metadata()).format).toBe('png');
    expect([pngRow.width, pngRow.height]).toEqual([16, 12]);

    // The original names are sealed (they open with the master key) …
    const names = rows.map((r) =>
      unseal<string>(t.keys.master, FILENAME_CONTEXT, {
        keyId: r.key_id,
        wrappedKey: r.wrapped_key,
        sealed: r.sealed,
      }),
    );
    expect(names.sort()).toEqual([`${secret}.pdf`, `${secret}.png`]);
    // … and stored nowhere in plaintext, nor logged.
    const dump = await dumpDatabase();
    expect(dump).toContain(res.json().reportNo);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
    const logs = t.logs.join('');
    expect(logs).toContain('/api/v1/reports');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(encodeURIComponent(secret));

    const { rows: audit } = await t.db.pool.query(
      `SELECT payload FROM audit_log WHERE action = 'report.received' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0].payload.evidence).toBe(2);
    const audit1 = await t.db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(audit1.rows[0].n).toBe(audit0.rows[0].n + 1);
  });

  it('refuses HTML named .jpg (415) and stores nothing, not even the valid file sent with it', async () => {
    const before = await counts();
    const html = Buffer.from('\uFEFF  \n<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
    const res = await submit([
      { name: 'file', filename: 'ok.png', type: 'image/png', data: await png(9, 9) },
      { name: 'file', filename: 'cat.jpg', type: 'image/jpeg', data: html },
    ]);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'evidence_markup_refused' });
    expect(res.json().error.message).toContain('File 2');
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown binary with 415 and a HEIC it cannot decode with its own 415', async () => {
    const before = await counts();
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3, 0xfe, 0xed]), randomBytes(4096)]);
    const unknown = await submit([{ name: 'file', filename: 'x.jpg', type: 'image/jpeg', data: binary }]);
    expect(unknown.statusCode, unknown.body).toBe(415);
    expect(unknown.json().error.code).toBe('evidence_type_refused');
    const heic = await submit([{ name: 'file', filename: 'x.heic', type: 'image/heic', data: heicHeader() }]);
    expect(heic.statusCode, heic.body).toBe(415);
    expect(heic.json().error.code).toBe('evidence_heic_unsupported');
    expect(await counts()).toEqual(before);
  });

  it('accepts a real HEIC photo and stores it as a clean JPEG', async () => {
    const heic = await readFile(new URL('./fixtures/red-40x20.heic', import.meta.url));
    const res = await submit([{ name: 'file', filename: 'IMG_0001.HEIC', type: 'image/heic', data: heic }]);
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await evidenceOf(res.json().reportNo);
    expect(row).toMatchObject({ mime: 'image/jpeg', width: 40, height: 20 });
    expect(row.received_sha256).not.toEqual(row.stored_sha256);
  });

  it('answers 413 naming the limit for a 21 MB file and for too many files', async () => {
    const before = await counts();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
    const tooBig = await submit([{ name: 'file', filename: 'big.txt', type: 'text/plain', data: big }]);
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'evidence_file_too_large' });
    expect(tooBig.json().error.message).toContain('20 MiB');

    const small = Buffer.from('a note\n');
    const files = Array.from({ length: 11 }, (_, i) => ({ name: 'file', filename: `${i}.txt`, data: small }));
    const tooMany = await submit(files, reportBody(), 'zh-CN');
    expect(tooMany.statusCode, tooMany.body).toBe(413);
    expect(tooMany.json().error).toMatchObject({ code: 'evidence_too_many_files' });
    expect(tooMany.json().error.message).toContain('10');
    expect(await counts()).toEqual(before);
  });

  it('validates the report part like a JSON body (400 with fields) and stores no file for it', async () => {
    const before = await counts();
    const res = await submit([{ name: 'file', filename: 'n.txt', data: Buffer.from('note\n') }], {
      ...reportBody(),
      truthfulnessPledge: false,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['truthfulnessPledge']);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      ...(await multipart([{ name: 'file', filename: 'n.txt', data: Buffer.from('note\n') }])),
    });
    expect(missing.statusCode, missing.body).toBe(400);
    expect(missing.json().error.fields).toEqual([{ path: 'report', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
  });

  it('accepts plain text and e-mail, sniffed from the bytes', async () => {
    const eml = Buffer.from(
      'Received: from mx.example.cn by mail.example.cn; Fri, 27 Nov 2026 10:00:00 +0800\r\n' +
        'From: "Bank" <notice@bank-verify.example>\r\nSubject: =?UTF-8?B?6LSm5oi35byC5bi4?=\r\n' +
        'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请点击链接验证账户。\r\n',
    );
    const res = await submit([
      { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: Buffer.from('只是一段文字说明。\n') },
      { name: 'file', filename: 'mail.eml', type: 'message/rfc822', data: eml },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const rows = await evidenceOf(res.json().reportNo);
    expect(rows.map((r) => [r.kind, r.mime])).toEqual([
      ['email', 'message/rfc822'],
      ['text', 'text/plain; charset=utf-8'],
    ]);
  });

  it('still takes JSON bodies as before', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
    expect(res.statusCode, res.body).toBe(201);
    expect(await evidenceOf(res.json().reportNo)).toEqual([]);
  });
});

/** Every row of every table of the database as text, the way a plain-text dump would show it. */
async function dumpDatabase(): Promise<string> {
  const { rows: tables } = await t.db.pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await t.db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
}
