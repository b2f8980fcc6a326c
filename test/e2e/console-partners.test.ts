import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTestSession, type TTestStaff } from '../../src/server/modules/org/staff.testing.js';
import { reportBody } from '../support/app.js';
import { checkPage, DESKTOP, expectAccessible, launchBrowser, openPage } from './support/browser.js';
import { consoleStrings, MASTER_KEY, signInConsole, staffFactory, type TLang } from './support/console.js';
import { button, byId, tabTo } from './support/keyboard.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let admin: TTestStaff;
let handler: TTestStaff;
/** The partner's outcome webhook: a local server that fails its first delivery (500), then accepts (204). */
let hook: http.Server;
let hookUrl: string;
const hookCalls: { body: string }[] = [];

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hookCalls.push({ body });
      res.statusCode = hookCalls.length === 1 ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/outcomes`;
  // The webhook receiver is on this machine: allow private addresses for deliveries in this server.
  server = await startServer({ MASTER_KEY, POW_DIFFICULTY: '0', PARTNER_WEBHOOK_ALLOW_PRIVATE: 'true' });
  browser = await launchBrowser();
  const create = staffFactory(server);
  admin = await create({
    username: 'e2e.partners.admin',
    departmentCode: 'CN',
    roles: ['admin'],
    totp: true,
  });
  handler = await create({ username: 'e2e.partners.handler', departmentCode: 'CN', roles: ['handler'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => hook?.close(r));
});

/** Console errors other than expected HTTP failures (the signed-out probe, the refused field, the 403 probe). */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of (400|401|403)/.test(e));

/** One report through the partner API with `key`; the HTTP status and body. */
async function partnerSubmit(key: string, reference: string) {
  const { reporter: _r, truthfulnessPledge: _p, ...item } = reportBody();
  const res = await fetch(`${server.url}/api/v1/partner/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ ...item, reference }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A handler takes the partner's case to a substantiated decision through the staff API. */
async function decideSubstantiated(caseNo: string) {
  const { rows } = await server.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_no = $1', [
    caseNo,
  ]);
  const caseId = rows[0]?.id;
  expect(caseId).toBeDefined();
  const session = await issueTestSession(server.db.db, handler.id);
  for (const [path, payload] of [
    ['claim', {}],
    ['transitions/accept', {}],
    ['transitions/start_verification', {}],
    [
      'transitions/decide',
      { outcome: 'substantiated', findings: '经核查，合作机构举报的账号确属诈骗，举报属实。' },
    ],
  ] as const) {
    const res = await fetch(`${server.url}/api/v1/cases/${caseId}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify(payload),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  }
}

async function openPartners(page: Page, lang: TLang) {
  const s = consoleStrings(lang);
  await page
    .getByRole('navigation', { name: s.nav.label })
    .getByRole('link', { name: s.nav.partners, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: s.partners.title }).waitFor();
}

/** axe on an open dialog, once its opening animation has finished (half-faded text fails contrast). */
async function expectDialogAccessible(page: Page, name: string) {
  await expect
    .poll(() => page.locator('.ant-modal-root [class*="-enter"], .ant-modal-root [class*="-appear"]').count())
    .toBe(0);
  await expectAccessible(page, name);
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

describe('partners in the console', () => {
  it('an admin registers a partner, issues a key seen once, watches its use, deliveries and precision, revokes it', async () => {
    const lang: TLang = 'zh-CN';
    const s = consoleStrings(lang);
    const p = s.partners;
    const code = `e2e-${randomBytes(3).toString('hex')}`;
    const name = `清朗测试合作平台 ${code}`;

    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, admin);
    await openPartners(page, lang);
    await page.getByText(p.empty).waitFor();
    await checkPage(page, 'console-partners-zh-CN-1-empty');

    // Register the partner with the keyboard only: type, Tab, Space on the checkbox, Enter on the button.
    await page.locator('#new-partner-code').focus();
    await page.keyboard.type(code);
    await tabTo(page, byId('new-partner-name'), 'the name field');
    await page.keyboard.type(name);
    await tabTo(page, byId('new-partner-trusted'), 'the trusted checkbox');
    await page.keyboard.press('Space');
    expect(await page.locator('#new-partner-trusted').isChecked()).toBe(true);
    const submit = await tabTo(page, button(p.create), 'the register button');
    expect(submit.outline, 'a visible focus ring').not.toBe('none');
    await page.keyboard.press('Enter');

    // The partner's own page: registered, trusted, no reports and no keys yet.
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    await page
      .getByTestId('partner-status')
      .filter({ hasText: fill(p.created, { name }) })
      .waitFor();
    const facts = page.getByTestId('partner-facts');
    expect(await facts.textContent()).toContain(p.trusted);
    expect(await facts.getByTestId('partner-reports').textContent()).toBe('0');
    await page.getByText(p.keys.empty).waitFor();
    await checkPage(page, 'console-partners-zh-CN-2-registered');

    // A webhook URL the server refuses: its message stands under the field, tied to it.
    const webhook = page.getByRole('textbox', { name: p.field.webhookUrl, exact: true });
    await webhook.fill('ftp://files.example.cn/outcomes');
    await page.getByRole('button', { name: p.edit.save, exact: true }).click();
    await page.locator('#partner-webhook-error').waitFor();
    expect(await webhook.getAttribute('aria-invalid')).toBe('true');
    expect(await webhook.getAttribute('aria-describedby')).toContain('partner-webhook-error');
    expect((await page.locator('#partner-webhook-error').textContent())?.trim()).not.toBe('');
    await checkPage(page, 'console-partners-zh-CN-3-webhook-refused');

    // A good URL: saved, and its signing secret shown once.
    await webhook.fill(hookUrl);
    await page.getByRole('button', { name: p.edit.save, exact: true }).click();
    const secretDialog = page.getByRole('dialog', { name: fill(p.secret.title.webhook, { name }) });
    await secretDialog.waitFor();
    const webhookSecret = (await secretDialog.getByTestId('partner-secret-value').textContent()) ?? '';
    expect(webhookSecret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: p.secret.done, exact: true }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    // Once the dialog has closed, the page holds no copy of the secret.
    await expect.poll(() => page.content()).not.toContain(webhookSecret);
    expect(await page.locator('#partner-webhook-error').count()).toBe(0);

    // Create a key by keyboard: submit only, 30 a minute.
    await page.locator('#key-scope-outcomes').focus();
    await page.keyboard.press('Space');
    await tabTo(page, byId('key-rate'), 'the rate field');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('30');
    await tabTo(page, button(p.keys.create), 'the create key button');
    await page.keyboard.press('Enter');
    const keyDialog = page.getByRole('dialog', { name: fill(p.secret.title.key, { name }) });
    await keyDialog.waitFor();
    expect(await keyDialog.getByRole('alert').textContent()).toContain(p.secret.once);
    const key = (await keyDialog.getByTestId('partner-secret-value').textContent()) ?? '';
    expect(key).toMatch(/^qlp_[A-Za-z0-9_-]{20,}$/);
    await expectDialogAccessible(page, 'the new key dialog (zh-CN)');
    await keyDialog.getByRole('button', { name: p.secret.copy, exact: true }).click();
    await keyDialog.getByText(p.secret.copied).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);
    await tabTo(page, button(p.secret.done), 'the close button of the dialog');
    await page.keyboard.press('Enter');
    await keyDialog.waitFor({ state: 'hidden' });
    // Shown once: nothing on the page holds the key any more, only its prefix.
    await expect.poll(() => page.content()).not.toContain(key);
    const row = page.getByTestId('partner-key').filter({ hasText: key.slice(0, 12) });
    expect(await row.textContent()).toContain(p.scope.submit);
    expect(await row.textContent()).not.toContain(p.scope.outcomes);
    expect(await row.textContent()).toContain(fill(p.keys.perMinute, { n: 30 }));
    expect(await row.getByTestId('key-last-used').textContent()).toBe(p.keys.never);

    // The partner uses the key; a scope it lacks is refused.
    const sent = await partnerSubmit(key, `e2e-ref-${code}`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const item = (sent.body.items as { status: string; caseNo: string }[])[0];
    expect(item?.status).toBe('created');
    const outcomes = await fetch(`${server.url}/api/v1/partner/outcomes`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(outcomes.status).toBe(403);

    // The console shows the key's use and the partner's report; a decision makes its precision 100 %.
    await decideSubstantiated(item?.caseNo ?? '');
    await page.getByRole('button', { name: p.refresh, exact: true }).first().click();
    await expect.poll(() => row.getByTestId('key-last-used').textContent()).not.toBe(p.keys.never);
    await expect.poll(() => facts.getByTestId('partner-reports').textContent()).toBe('1');
    const precision = facts.getByTestId('partner-precision');
    expect(await precision.textContent()).toContain('100%');
    expect(await precision.textContent()).toContain(
      fill(p.precision.counts, { substantiated: 1, decided: 1 }),
    );

    // The decision's webhook: the first attempt fails (HTTP 500), the job queue retries, the second is delivered.
    const delivery = page.getByTestId('partner-delivery');
    await expect
      .poll(
        async () => {
          await page.getByRole('region', { name: p.deliveries.title }).getByRole('button').click();
          return delivery.getAttribute('data-status');
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe('delivered');
    const attempts = await delivery.getByTestId('attempt-result').allTextContents();
    expect(attempts).toEqual(['HTTP 500', 'HTTP 204']);
    // Which report it was about: the partner's own reference.
    expect(await delivery.getByTestId('delivery-about').textContent()).toContain(`e2e-ref-${code}`);
    expect(hookCalls).toHaveLength(2);
    expect(JSON.parse(hookCalls[1]?.body ?? '{}')).toMatchObject({
      caseNo: item?.caseNo,
      outcome: 'substantiated',
    });
    await checkPage(page, 'console-partners-zh-CN-4-used');

    // Back on the list: the partner with its numbers.
    await page.getByRole('link', { name: p.back, exact: true }).click();
    const listRow = page.getByTestId('partner-row').filter({ hasText: code });
    await listRow.waitFor();
    expect(await listRow.getByTestId('partner-reports').textContent()).toBe('1');
    expect(await listRow.getByTestId('partner-keys-count').textContent()).toBe(
      fill(p.keysCount, { active: 1, total: 1 }),
    );
    expect(await listRow.textContent()).toContain(hookUrl);
    expect(await listRow.getByTestId('partner-precision').textContent()).toContain('100%');
    await checkPage(page, 'console-partners-zh-CN-5-list');

    // Revoke by keyboard, with a confirmation.
    await listRow.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    const prefix = key.slice(0, 12);
    await page.getByRole('button', { name: fill(p.keys.revokeLabel, { prefix }), exact: true }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: fill(p.keys.confirmTitle, { prefix }) });
    await confirm.waitFor();
    await expectDialogAccessible(page, 'the revoke confirmation (zh-CN)');
    await tabTo(page, button(p.keys.confirm), 'the confirm button');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('partner-status')
      .filter({ hasText: fill(p.keys.revoked, { prefix }) })
      .waitFor();
    await row.getByTestId('key-revoked').waitFor();
    expect(await page.getByRole('button', { name: fill(p.keys.revokeLabel, { prefix }) }).count()).toBe(0);
    const refused = await partnerSubmit(key, `e2e-ref-${code}-2`);
    expect(refused.status).toBe(401);
    await checkPage(page, 'console-partners-zh-CN-6-revoked');
    expect(unexpected(errors)).toEqual([]);
    await context.close();

    // The same pages in English pass axe too.
    const en = await openPage(browser, { ...DESKTOP, language: 'en' });
    const e = consoleStrings('en').partners;
    await en.page.goto(`${server.url}/console/`);
    await signInConsole(en.page, 'en', admin);
    await openPartners(en.page, 'en');
    await en.page.getByTestId('partner-row').filter({ hasText: code }).waitFor();
    await checkPage(en.page, 'console-partners-en-1-list');
    await en.page.getByTestId('partner-row').filter({ hasText: code }).getByRole('link').click();
    await en.page.getByTestId('partner-delivery').first().waitFor();
    expect(await en.page.getByTestId('partner-key').textContent()).toContain(e.scope.submit);
    await checkPage(en.page, 'console-partners-en-2-partner');
    await en.page.getByRole('button', { name: e.keys.create, exact: true }).click();
    await en.page.getByRole('dialog', { name: fill(e.secret.title.key, { name }) }).waitFor();
    await expectDialogAccessible(en.page, 'the new key dialog (en)');
    expect(unexpected(en.errors)).toEqual([]);
    await en.context.close();
  });

  it('staff without partners.manage see no partners entry and the API refuses them', async () => {
    const lang: TLang = 'en';
    const s = consoleStrings(lang);
    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, handler);
    const nav = page.getByRole('navigation', { name: s.nav.label });
    await nav.getByRole('link', { name: s.nav.cases, exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: s.nav.partners }).count()).toBe(0);

    // The session is the handler's: the admin API answers 403 (the server's word, through the browser).
    const status = await page.evaluate<number>(
      "fetch('/api/v1/admin/partners', { credentials: 'same-origin' }).then((r) => r.status)",
    );
    expect(status).toBe(403);

    // Typing the address shows the server's refusal, and no partner data.
    await page.goto(`${server.url}/console/partners`);
    await page.getByRole('heading', { level: 1, name: s.partners.title }).waitFor();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('partners').count()).toBe(0);
    expect(await page.getByRole('button', { name: s.partners.create }).count()).toBe(0);
    await checkPage(page, 'console-partners-en-3-forbidden');
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
