import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { loadMasterKey } from './crypto/master-key.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['MASTER_KEY', 'c2hvcnQ='],
    ['TIME_ZONE', 'Mars/Olympus'],
    ['NODE_ENV', 'staging'],
  ])('names the variable when %s=%s is wrong', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });
});

describe('master key', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);

  it('is generated once in development (mode 0600, with a warning) and reused', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-key-'));
    try {
      const a = await loadMasterKey({ configured: undefined, production: false, dataDir, warn });
      const file = path.join(dataDir, 'master.key');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
      expect(warnings.at(-1)).toMatch(/MASTER_KEY/);
      const b = await loadMasterKey({ configured: undefined, production: false, dataDir, warn });
      expect(b.key.equals(a.key)).toBe(true);
      expect(b.id).toBe(a.id);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is required in production', async () => {
    await expect(
      loadMasterKey({ configured: undefined, production: true, dataDir: '/nonexistent', warn }),
    ).rejects.toThrow(/MASTER_KEY/);
  });

  it('comes from MASTER_KEY when set', async () => {
    const value = Buffer.alloc(32, 7).toString('base64');
    const key = await loadMasterKey({ configured: value, production: true, dataDir: '/nonexistent', warn });
    expect(key.key.equals(Buffer.alloc(32, 7))).toBe(true);
  });
});
