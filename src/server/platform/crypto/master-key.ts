import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config.js';

export interface MasterKey {
  /** Short public identifier stored beside every wrapped data key (which master key wrapped it). */
  id: string;
  key: Buffer;
}

export function masterKeyFromBase64(value: string): MasterKey {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('MASTER_KEY: must be 32 bytes encoded as base64');
  return { id: createHash('sha256').update('qinglang:key-id:').update(key).digest('hex').slice(0, 16), key };
}

export interface LoadMasterKeyOptions {
  configured: string | undefined;
  production: boolean;
  dataDir: string;
  warn: (message: string) => void;
}

/**
 * The master key from MASTER_KEY; in development, from (or generated into) `<dataDir>/master.key` with mode
 * 0600 and a warning. Production without MASTER_KEY refuses to start.
 */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<MasterKey> {
  if (options.configured) return masterKeyFromBase64(options.configured);
  if (options.production) {
    throw new ConfigError('MASTER_KEY: required when NODE_ENV=production (32 random bytes, base64)');
  }
  const file = path.join(options.dataDir, 'master.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) {
    options.warn(
      `MASTER_KEY is not set; using the development key in ${file}. Set MASTER_KEY in production.`,
    );
    return masterKeyFromBase64(existing.trim());
  }
  const generated = randomBytes(32).toString('base64');
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  options.warn(
    `MASTER_KEY is not set; generated a development key into ${file} (mode 0600). Back it up: without it, sealed reporter data cannot be read. Set MASTER_KEY in production.`,
  );
  return masterKeyFromBase64(generated);
}
