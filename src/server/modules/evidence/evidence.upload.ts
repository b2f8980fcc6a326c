import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import { AppError } from '../../platform/errors.js';

export interface TEvidenceLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxTotalBytes: number;
}

/**
 * One uploaded file as it arrives: a `@fastify/multipart` file part fits (`part.filename`, `part.file`). The
 * name is used only to be sealed; the declared type is never read.
 */
export interface TUploadPart {
  filename?: string | undefined;
  file: Readable & { truncated?: boolean };
}

/** A file received into a private temporary directory: hashed and measured, not yet sniffed or stored. */
export interface TReceivedFile {
  /** 1-based position in the upload, used in messages instead of the (private) file name. */
  index: number;
  path: string;
  bytes: number;
  sha256: Buffer;
  name: SealedRecord;
}

export interface TReceivedUpload {
  dir: string;
  files: TReceivedFile[];
}

const MiB = 1024 * 1024;

/** `20 MiB`, `1.5 MiB`, `512 KiB`, `800 bytes`: for limits in messages. */
export function formatBytes(n: number): string {
  if (n >= MiB) return `${Number.isInteger(n / MiB) ? n / MiB : (n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${Number.isInteger(n / 1024) ? n / 1024 : (n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

const tooLarge = (limits: TEvidenceLimits) =>
  new AppError('evidence_file_too_large', 413, { limit: formatBytes(limits.maxFileBytes) });
const tooMany = (limits: TEvidenceLimits) =>
  new AppError('evidence_too_many_files', 413, { limit: limits.maxFiles });
const totalTooLarge = (limits: TEvidenceLimits) =>
  new AppError('evidence_total_too_large', 413, { limit: formatBytes(limits.maxTotalBytes) });

/** Multipart parser errors (limits, malformed bodies) as AppErrors; anything else is left alone. */
export function multipartError(err: unknown, limits: TEvidenceLimits): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown };
  switch (e.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(limits);
    case 'FST_FILES_LIMIT':
      return tooMany(limits);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('evidence_too_many_parts', 413);
  }
  const busboyMessage = typeof e.message === 'string' && /multipart|part|boundary|form/i.test(e.message);
  if ((typeof e.statusCode === 'number' && e.statusCode < 500) || (e.code === undefined && busboyMessage)) {
    return new AppError('invalid_multipart', 400);
  }
  return err;
}

/**
 * Streams every part to a temporary file (mode 0600) while hashing it and enforcing the limits — per file, file
 * count and total — so nothing large is held in memory. The file name is sealed at once by `sealName`.
 * On any error the temporary directory is removed before the error is thrown.
 */
export async function receiveParts(
  parts: AsyncIterable<TUploadPart>,
  limits: TEvidenceLimits,
  sealName: (name: string) => SealedRecord,
): Promise<TReceivedUpload> {
  const dir = await mkdtemp(path.join(tmpdir(), 'qinglang-upload-'));
  const files: TReceivedFile[] = [];
  let total = 0;
  try {
    for await (const part of parts) {
      if (files.length >= limits.maxFiles) {
        part.file.resume();
        throw tooMany(limits);
      }
      const index = files.length + 1;
      const file = path.join(dir, `in-${index}`);
      const hash = createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          total += chunk.length;
          if (bytes > limits.maxFileBytes) return done(tooLarge(limits));
          if (total > limits.maxTotalBytes) return done(totalTooLarge(limits));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(part.file, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) throw tooLarge(limits);
      const name = sealName((part.filename ?? '').slice(0, 1000));
      files.push({ index, path: file, bytes, sha256: hash.digest(), name });
    }
    return { dir, files };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw multipartError(err, limits);
  }
}

/** Removes an upload's temporary files (idempotent). */
export async function discardUpload(upload: TReceivedUpload): Promise<void> {
  await rm(upload.dir, { recursive: true, force: true });
}
