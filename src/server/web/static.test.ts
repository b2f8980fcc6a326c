import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { WEB_CSP } from './static.js';

let t: TestApp;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qinglang-web-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>portal</title>');
  await writeFile(path.join(root, 'assets', 'portal-abc123.js'), 'console.log(1)');
  t = await createTestApp({
    WEB_ROOT: root,
    PUBLIC_HOTLINE: '12321',
    PUBLIC_REPORT_EMAIL: 'jubao@example.org',
  });
});
afterAll(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the built web apps', () => {
  it('serves the portal at / and for client-side routes, no-store, with the strict CSP', async () => {
    for (const url of ['/', '/report', '/check', '/report/receipt', '/guide?x=1']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>portal</title>');
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    }
    expect(WEB_CSP).toContain("default-src 'self'");
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(WEB_CSP).toContain("frame-ancestors 'none'");
    expect(WEB_CSP).toContain("worker-src 'self' blob:");
  });

  it('serves hashed assets as immutable and never falls back to HTML for API or asset paths', async () => {
    const asset = await get('/assets/portal-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/api/v1/nothing-here', '/assets/missing-123.js', '/favicon.ico']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('route_not_found');
    }
  });

  it('tells the portal the hotline, the report e-mail address and the evidence limits', async () => {
    const res = await get('/api/v1/public/config');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.hotline).toBe('12321');
    expect(body.reportEmail).toBe('jubao@example.org');
    expect(body.evidence.maxFiles).toBe(t.config.EVIDENCE_MAX_FILES);
    expect(body.evidence.maxFileBytes).toBe(t.config.EVIDENCE_MAX_FILE_BYTES);
    expect(body.evidence.accept).toContain('image/jpeg');
  });
});
