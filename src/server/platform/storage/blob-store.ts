import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where blobs (evidence files) live. Keys are relative, slash-separated names such as `ab/cd/<sha256>`; the
 * caller chooses them (content addresses), so storing the same key twice stores the same bytes and is harmless.
 * The local directory is the implementation today; an S3-compatible object store (key = object name) is the
 * scale-out target and only needs these four operations.
 */
export interface BlobStore {
  /** Stores `source` under `key`, atomically: a reader sees the whole blob or none. */
  put(key: string, source: Buffer | Readable): Promise<void>;
  /** The blob's bytes as a stream, or undefined when there is none under `key`. */
  get(key: string): Promise<Readable | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob (no error when there is none). */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  return key;
}

/**
 * Blobs as files under `root` (created on first write). A write goes to a temporary file in `root/.tmp` (same
 * file system), is flushed, and is renamed into place, so a crash never leaves a partial blob under its key.
 */
export function createLocalBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, '.tmp');
  const fileOf = (key: string) => path.join(root, ...checkKey(key).split('/'));

  return {
    async put(key, source) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
      try {
        const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true });
        if (Buffer.isBuffer(source)) {
          await new Promise<void>((resolve, reject) => {
            out.on('error', reject);
            out.end(source, resolve);
          });
        } else {
          await pipeline(source, out);
        }
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },

    async get(key) {
      const file = fileOf(key);
      try {
        if (!(await stat(file)).isFile()) return undefined;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      return createReadStream(file);
    },

    async delete(key) {
      await rm(fileOf(key), { force: true });
    },

    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
  };
}
