import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every key path of a nested message object, e.g. `home.title`. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function leaf(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

const dirs = ['src/web/shared/locales', 'src/web/portal/locales', 'src/web/console/locales'].filter((d) => {
  try {
    return readdirSync(d).length > 0;
  } catch {
    return false;
  }
});

describe('web locale files', () => {
  it.each(dirs)('%s: zh-CN and en have the same keys, placeholders and no empty strings', (dir) => {
    const load = (lng: string) => JSON.parse(readFileSync(path.join(dir, `${lng}.json`), 'utf8'));
    const zh = load('zh-CN');
    const en = load('en');
    const zhKeys = keys(zh).sort();
    expect(zhKeys.length).toBeGreaterThan(0);
    expect(keys(en).sort()).toEqual(zhKeys);
    for (const k of zhKeys) {
      expect(placeholders(leaf(en, k)), k).toEqual(placeholders(leaf(zh, k)));
      expect(String(leaf(zh, k)).trim(), k).not.toBe('');
      expect(String(leaf(en, k)).trim(), k).not.toBe('');
    }
  });

  it('content pages exist in both languages', () => {
    const zh = readdirSync('content/zh-CN').sort();
    expect(zh.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync('content/en').sort()).toEqual(zh);
  });
});
