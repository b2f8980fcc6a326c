import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { TAuditActorType } from '../../platform/audit/audit.types.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { type SealedRecord, seal } from '../../platform/crypto/seal.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import { cleanImage, ImageDecodeError } from './evidence.clean.js';
import {
  deleteEvidenceOfReports,
  evidenceInsert,
  findEvidence,
  insertEvidence,
  listEvidenceOfReport,
  type TEvidenceRecord,
  type TEvidenceRow,
} from './evidence.repository.js';
import { sniffFile } from './evidence.sniff.js';
import type { TEvidenceKind, TEvidenceSource } from './evidence.tables.js';
import {
  discardUpload,
  receiveParts,
  type TEvidenceLimits,
  type TReceivedFile,
  type TReceivedUpload,
  type TUploadPart,
} from './evidence.upload.js';

export const FILENAME_CONTEXT = 'evidence-filename';

/** A file that has been sniffed, cleaned and stored (content-addressed); not yet attached to a report. */
export interface TPreparedEvidence {
  id: string;
  kind: TEvidenceKind;
  mime: string;
  receivedBytes: number;
  storedBytes: number;
  receivedSha256: Buffer;
  storedSha256: Buffer;
  /** `ab/cd/<sha256 of the stored bytes>` in the blob store. */
  storageKey: string;
  /** The original file name, sealed (context 'evidence-filename'). */
  name: SealedRecord;
  width: number | null;
  height: number | null;
}

/** Who adds evidence: a reporter (follow-up session), staff, a partner, or the system. */
export interface TEvidenceActor {
  type: TAuditActorType;
  id?: string | null;
}

export interface EvidenceDeps {
  db: Db;
  keys: DerivedKeys;
  blobs: BlobStore;
  limits: TEvidenceLimits;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const contentKey = (hash: Buffer) => {
  const hex = hash.toString('hex');
  return `${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
};
const SOURCE_OF: Record<TAuditActorType, TEvidenceSource> = {
  reporter: 'reporter',
  staff: 'staff',
  partner: 'partner',
  system: 'system',
};

/**
 * Evidence: uploads are received to temporary files (limits enforced while streaming), their type is sniffed
 * from the bytes, images are re-encoded without metadata, and the result goes to the content-addressed blob
 * store. Rows are written by the intake statement (`statementPart`) or by `attach` (follow-up uploads).
 */
export function createEvidenceService(deps: EvidenceDeps) {
  const { db, keys, blobs, limits } = deps;

  /** Sniffs and cleans one received file into `<dir>/out-<index>` when it changes; throws 415 AppErrors. */
  async function clean(file: TReceivedFile, dir: string) {
    const sniffed = await sniffFile(file.path);
    if (!sniffed.ok) {
      const code = sniffed.reason === 'markup' ? 'evidence_markup_refused' : 'evidence_type_refused';
      throw new AppError(code, 415, { index: file.index });
    }
    const same = { path: file.path, bytes: file.bytes, sha256: file.sha256, mime: sniffed.mime };
    if (!sniffed.image) return { ...same, kind: sniffed.kind, width: null, height: null };
    let image: Awaited<ReturnType<typeof cleanImage>>;
    try {
      image = await cleanImage(await readFile(file.path), sniffed.image);
    } catch (err) {
      if (!(err instanceof ImageDecodeError)) throw err;
      if (sniffed.image === 'heic')
        throw new AppError('evidence_heic_unsupported', 415, { index: file.index });
      throw new AppError('evidence_unreadable', 415, { index: file.index });
    }
    const out = path.join(dir, `out-${file.index}`);
    await writeFile(out, image.data, { mode: 0o600 });
    return {
      path: out,
      bytes: image.data.length,
      sha256: sha256(image.data),
      mime: image.mime,
      kind: sniffed.kind,
      width: image.width,
      height: image.height,
    };
  }

  const service = {
    limits,

    /**
     * Step 1 of an upload: streams the file parts to private temporary files, hashing them and enforcing the
     * limits (413 `evidence_file_too_large` / `evidence_too_many_files` / `evidence_total_too_large`, each naming
     * its limit). File names are sealed at once. Nothing is stored yet: follow with `store` or `discard`.
     */
    receive(parts: AsyncIterable<TUploadPart>): Promise<TReceivedUpload> {
      return receiveParts(parts, limits, (name) => seal(keys.master, FILENAME_CONTEXT, name));
    },

    /**
     * Step 2: sniffs every file from its bytes (415 `evidence_type_refused`, `evidence_markup_refused`,
     * `evidence_heic_unsupported`, `evidence_unreadable`), re-encodes images without metadata, and only when
     * every file passed puts them into the blob store under their content address. All or nothing: a refused
     * file stores nothing. The temporary files are always removed.
     */
    async store(upload: TReceivedUpload): Promise<TPreparedEvidence[]> {
      try {
        const cleaned = [];
        for (const file of upload.files) cleaned.push({ file, out: await clean(file, upload.dir) });
        const prepared: TPreparedEvidence[] = [];
        for (const { file, out } of cleaned) {
          const storageKey = contentKey(out.sha256);
          if (!(await blobs.exists(storageKey))) await blobs.put(storageKey, createReadStream(out.path));
          prepared.push({
            id: randomUUID(),
            kind: out.kind,
            mime: out.mime,
            receivedBytes: file.bytes,
            storedBytes: out.bytes,
            receivedSha256: file.sha256,
            storedSha256: out.sha256,
            storageKey,
            name: file.name,
            width: out.width,
            height: out.height,
          });
        }
        return prepared;
      } finally {
        await discardUpload(upload);
      }
    },

    /** Removes a received upload's temporary files without storing anything (idempotent). */
    discard(upload: TReceivedUpload): Promise<void> {
      return discardUpload(upload);
    },

    /**
     * Receive + store in one call, e.g. for a follow-up upload:
     * `const prepared = await evidence.ingest(filePartsOf(request.parts()))`, then `attach`. Throws the 413/415
     * AppErrors of `receive` and `store`; on error nothing is stored.
     */
    async ingest(parts: AsyncIterable<TUploadPart>): Promise<TPreparedEvidence[]> {
      return service.store(await service.receive(parts));
    },

    /** The rows that attach prepared evidence to a report. */
    rowsFor(reportId: string, prepared: TPreparedEvidence[], source: TEvidenceSource): TEvidenceRow[] {
      return prepared.map((p) => ({ ...p, reportId, source }));
    },

    /** Statement part for the intake statement: inserts `rows` (the same text for any number of rows). */
    statementPart(rows: TEvidenceRow[]): SQL {
      return evidenceInsert(rows);
    },

    /**
     * Attaches prepared evidence to an existing report (follow-up uploads) in one transaction with the audit
     * entry `evidence.added` (subject: the report; payload: the evidence ids and count). Files whose rows are
     * never written stay in the store unreferenced: content-addressed, so harmless.
     */
    async attach(db: DbOrTx, reportId: string, prepared: TPreparedEvidence[], actor: TEvidenceActor) {
      if (prepared.length === 0) return;
      const rows = service.rowsFor(reportId, prepared, SOURCE_OF[actor.type]);
      await db.transaction(async (tx) => {
        await insertEvidence(tx, rows);
        await recordAudit(tx, {
          actorType: actor.type,
          actorId: actor.id ?? null,
          action: 'evidence.added',
          subjectType: 'report',
          subjectId: reportId,
          payload: { evidenceIds: rows.map((r) => r.id), count: rows.length },
        });
      });
    },

    /** The evidence of one report, oldest first (no file names). */
    list(reportId: string): Promise<TEvidenceRecord[]> {
      return listEvidenceOfReport(db, reportId);
    },

    /**
     * Opens one evidence file for a staff member: finds it (404 `evidence_not_found`), asks `authorize` with its
     * report (which throws an AppError when not allowed), records `evidence.downloaded` and returns the bytes.
     */
    async open(
      evidenceId: string,
      authorize: (reportId: string) => Promise<{ actorId: string }>,
    ): Promise<{ record: TEvidenceRecord; body: Readable }> {
      const record = await findEvidence(db, evidenceId);
      if (!record) throw new AppError('evidence_not_found', 404);
      const { actorId } = await authorize(record.reportId);
      const body = await blobs.get(record.storageKey);
      if (!body) throw new Error(`evidence ${record.id}: blob missing from the store`);
      try {
        await db.transaction((tx) =>
          recordAudit(tx, {
            actorType: 'staff',
            actorId,
            action: 'evidence.downloaded',
            subjectType: 'evidence',
            subjectId: record.id,
            payload: { reportId: record.reportId },
          }),
        );
      } catch (err) {
        body.destroy();
        throw err;
      }
      return { record, body };
    },

    /**
     * Removes the evidence of the given reports inside the caller's transaction (retention). Call
     * `deleteBlobs` after the commit: only blobs no other evidence row uses are deleted.
     */
    async purgeReports(tx: DbOrTx, reportIds: string[]) {
      const { rows, orphanKeys } = await deleteEvidenceOfReports(tx, reportIds);
      return {
        rows,
        deleteBlobs: async () => {
          for (const key of orphanKeys) await blobs.delete(key);
        },
      };
    },
  };
  return service;
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
export type { TEvidenceRecord, TEvidenceRow } from './evidence.repository.js';
export type { TEvidenceLimits, TReceivedUpload, TUploadPart } from './evidence.upload.js';
