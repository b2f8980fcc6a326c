import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTestStaff } from '../../src/server/modules/org/staff.testing.js';
import { reportBody } from '../support/app.js';
import { checkPage, DESKTOP, expectAccessible, launchBrowser, openPage } from './support/browser.js';
import { consoleStrings, MASTER_KEY, signInConsole, staffFactory, type TLang } from './support/console.js';
import { focused, type TFocus, tabTo } from './support/keyboard.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let supervisor: TTestStaff;
let handler: TTestStaff;

beforeAll(async () => {
  server = await startServer({ MASTER_KEY, POW_DIFFICULTY: '0' });
  browser = await launchBrowser();
  const create = staffFactory(server);
  supervisor = await create({
    username: 'e2e.targets.supervisor',
    departmentCode: 'GD',
    roles: ['supervisor'],
    totp: true,
  });
  handler = await create({ username: 'e2e.targets.handler', departmentCode: 'GZ', roles: ['handler'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Console errors other than the signed-out probe of GET /staff/me (a 401 the browser always logs). */
const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 401'));

/** A web report naming `url` as its target, through the public API (in Guangzhou unless `overrides` say). */
async function reportWithUrl(url: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reportBody({ targets: [url], ...overrides })),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { caseNo: string }).caseNo;
}

async function openNav(page: Page, lang: TLang, name: 'targets' | 'rules') {
  const s = consoleStrings(lang);
  await page
    .getByRole('navigation', { name: s.nav.label })
    .getByRole('link', { name: s.nav[name], exact: true })
    .click();
  await page
    .getByRole('heading', { level: 1, name: name === 'targets' ? s.targets.title : s.rules.title })
    .waitFor();
}

/** Tabs through a form, returning what had the focus at each step until `until` matches. */
async function focusPath(page: Page, until: (f: TFocus) => boolean, max = 80): Promise<TFocus[]> {
  const path: TFocus[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    path.push(f);
    if (until(f)) return path;
  }
  throw new Error(`focus never reached the end: ${path.map((f) => f.id || f.text).join(' → ')}`);
}

describe('targets and triage rules in the console', () => {
  it('a supervisor marks a target harmful, sets its location, edits the lists and a triage rule', async () => {
    const lang: TLang = 'zh-CN';
    const s = consoleStrings(lang);
    const host = `e2e-pay-${randomBytes(4).toString('hex')}.example.cn`;
    const caseNo = await reportWithUrl(`https://${host}/order?id=7`);

    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, supervisor);
    await openNav(page, lang, 'targets');

    // The registry: the URL pasted in another written form finds it (and its domain) on the server.
    const searchBox = page.getByRole('textbox', { name: s.targets.filter.q, exact: true });
    await searchBox.fill(`HTTPS://${host.toUpperCase()}/order?id=7&utm_source=e2e#top`);
    await page.getByRole('button', { name: s.queue.apply, exact: true }).click();
    const row = page.locator('[data-testid="target-row"][data-key^="url|"]').filter({ hasText: host });
    await row.waitFor();
    await page.locator('[data-testid="target-row"][data-key="domain|example.cn"]').waitFor();
    expect(await page.getByTestId('target-row').count()).toBe(2);
    expect(await row.getByTestId('target-status').textContent()).toBe(s.targets.status.unverified);
    expect(await row.getByTestId('target-location').textContent()).toBe('—');
    // The case is linked by its number.
    expect(await row.getByRole('link').count()).toBe(1);
    expect(await row.getByRole('link').textContent()).toBe(caseNo);
    await checkPage(page, 'console-targets-zh-CN-1-registry');
    // Part of the normalised text (not a target by itself) finds the URL only.
    await searchBox.fill(host.split('.')[0] ?? '');
    await page.getByRole('button', { name: s.queue.apply, exact: true }).click();
    await expect.poll(() => page.getByTestId('target-row').count()).toBe(1);
    await row.waitFor();

    // By keyboard: from the search box to the row's "change" button, then through the form in order.
    await page.getByRole('textbox', { name: s.targets.filter.q, exact: true }).focus();
    const change = await tabTo(
      page,
      (f) => f.tag === 'BUTTON' && f.text.startsWith(s.targets.change) && f.text.includes(`${host}/order`),
      'the target’s change button',
    );
    expect(change.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    const form = page.locator('form.inline-form');
    await form.waitFor();
    const formId = (await form.getAttribute('id')) ?? '';
    await checkPage(page, 'console-targets-zh-CN-2-edit');
    const status = await tabTo(page, (f) => f.type === 'radio', 'the status radios', 3);
    expect(status.group).toBe(`${formId}-status`);
    await page.keyboard.press('ArrowDown'); // unverified → confirmed harmful
    expect(await page.locator(`#${formId} input[value="confirmed_harmful"]`).isChecked()).toBe(true);
    const province = await tabTo(page, (f) => f.tag === 'SELECT', 'the province', 3);
    expect(province.id).toBe(`${formId}-region-province`);
    await page.locator(`#${province.id}`).selectOption('440000');
    const city = await tabTo(page, (f) => f.tag === 'SELECT', 'the city', 3);
    expect(city.id).toBe(`${formId}-region-city`);
    await page.locator(`#${city.id}`).selectOption('440300');
    const save = await tabTo(page, (f) => f.tag === 'BUTTON', 'save', 3);
    expect(save.text).toBe(s.targets.edit.save);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: s.targets.saved.split('{{')[0] })
      .waitFor();
    await expect
      .poll(() => row.getByTestId('target-status').textContent())
      .toBe(s.targets.status.confirmed_harmful);
    expect(await row.getByTestId('target-location').textContent()).toContain('(440300)');
    expect(await row.getByTestId('target-location').textContent()).toContain('深圳');
    // Focus returns to the row's button.
    await expect.poll(async () => (await focused(page)).id).toBe(change.id);

    // It is stored: after a reload the row still says so.
    await page.reload();
    await row.waitFor();
    expect(await row.getByTestId('target-status').textContent()).toBe(s.targets.status.confirmed_harmful);
    expect(await row.getByTestId('target-location').textContent()).toContain('(440300)');

    // The lists tab: each list explained; a wrong entry is refused by its field.
    await page.getByRole('link', { name: s.targets.tab.lists, exact: true }).click();
    const generic = page.locator('[data-list="generic"]');
    await generic.getByRole('heading', { name: s.lists.name.generic }).waitFor();
    expect(await generic.textContent()).toContain(s.lists.explain.generic);
    expect(await generic.textContent()).toContain('domain|t.cn');
    await checkPage(page, 'console-targets-zh-CN-3-lists');
    const tracking = page.locator('[data-list="tracking_param"]');
    await tracking.getByRole('button', { name: `${s.lists.edit} ${s.lists.name.tracking_param}` }).click();
    const entries = tracking.getByRole('textbox', { name: s.lists.values, exact: true });
    await expect.poll(async () => (await focused(page)).id).toBe(await entries.getAttribute('id'));
    await entries.fill('bad param');
    await page.keyboard.press('Enter');
    await tracking.getByRole('button', { name: s.lists.save, exact: true }).click();
    await expect.poll(() => entries.getAttribute('aria-invalid')).toBe('true');
    expect(await entries.getAttribute('aria-describedby')).toContain('error');
    await expectAccessible(page, 'console-targets-zh-CN-lists-error');
    await tracking.getByRole('button', { name: /bad param/ }).click();
    await entries.fill('e2e_ref');
    await page.keyboard.press('Enter');
    await tracking.getByRole('button', { name: s.lists.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: s.lists.name.tracking_param }).waitFor();
    await tracking.getByText('e2e_ref', { exact: true }).waitFor();
    const stored = await page.evaluate<Record<string, string[]>>(
      `fetch('/api/v1/targets/lists').then((r) => r.json())`,
    );
    expect(stored.tracking_param).toContain('e2e_ref');

    // Triage rules: edit a cue, save, reload, see it.
    await openNav(page, lang, 'rules');
    const rule = page.locator('[data-rule="high.address_exposed"]');
    await rule.waitFor();
    expect(await rule.getByTestId('rule-meaning').textContent()).toContain(
      s.rules.meaning.priorityAny.replace('{{target}}', s.priority.high),
    );
    await checkPage(page, 'console-rules-zh-CN-1-list');
    await rule.getByRole('button', { name: `${s.rules.edit} high.address_exposed` }).click();
    const ruleForm = rule.locator('form');
    await ruleForm.waitFor();
    const rf = (await ruleForm.getAttribute('id')) ?? '';
    // Focus is on the form's first control; Tab goes through it in reading order.
    await expect.poll(async () => (await focused(page)).group).toBe(`${rf}-kind`);
    const path = await focusPath(page, (f) => f.tag === 'BUTTON' && f.text === s.rules.save);
    const at = (id: string) => path.findIndex((f) => f.id === id);
    const order = [
      at(`${rf}-target`),
      at(`${rf}-allOf-0`),
      path.findIndex((f) => f.text === s.rules.addGroup),
      at(`${rf}-noneOf`),
      at(`${rf}-reasonZh`),
      at(`${rf}-reasonEn`),
      at(`${rf}-enabled`),
      path.length - 1,
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(path.every((f) => f.outline !== 'none')).toBe(true);
    const cueBox = ruleForm.getByRole('textbox', { name: s.rules.group.replace('{{n}}', '1'), exact: true });
    await cueBox.fill('门牌号');
    await cueBox.press('Enter');
    await ruleForm
      .getByRole('button', {
        name: s.cues.remove
          .replace('{{cue}}', '单元')
          .replace('{{name}}', s.rules.group.replace('{{n}}', '1')),
      })
      .click();
    await checkPage(page, 'console-rules-zh-CN-2-edit');
    await ruleForm.getByRole('button', { name: s.rules.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'high.address_exposed' }).waitFor();
    await rule.getByText('门牌号', { exact: true }).waitFor();
    await page.reload();
    await rule.getByText('门牌号', { exact: true }).waitFor();
    expect(await rule.getByText('单元', { exact: true }).count()).toBe(0);

    expect(await rule.getByTestId('rule-updated').textContent()).toContain(supervisor.username);

    // A priority rule needs its reasons: clearing one names the field and focuses it.
    await rule.getByRole('button', { name: `${s.rules.edit} high.address_exposed` }).click();
    const reasonZh = rule.getByRole('textbox', { name: s.rules.field.reasonZh });
    await reasonZh.fill('');
    await rule.getByRole('button', { name: s.rules.save, exact: true }).click();
    await expect.poll(() => reasonZh.getAttribute('aria-invalid')).toBe('true');
    expect(await reasonZh.getAttribute('aria-describedby')).toContain('error');
    await expect.poll(async () => (await focused(page)).id).toBe(await reasonZh.getAttribute('id'));
    await expectAccessible(page, 'console-rules-zh-CN-3-errors');
    await rule.getByRole('button', { name: s.form.cancel, exact: true }).click();

    // A seeded category rule has no reasons: they are optional there, so it saves as it is.
    const fraud = page.locator('[data-rule="fraud.strong"]');
    await fraud.getByRole('button', { name: `${s.rules.edit} fraud.strong` }).click();
    await fraud.getByRole('button', { name: s.rules.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'fraud.strong' }).waitFor();
    // The message comes once the list has been read again, so the new editor is already shown.
    expect(await fraud.getByTestId('rule-updated').textContent()).toContain(supervisor.username);

    // Deleting asks once more, then the rule is gone (also after a reload).
    await fraud.getByRole('button', { name: `${s.rules.delete} fraud.strong` }).click();
    const yes = fraud.getByRole('button', { name: `${s.rules.deleteYes} fraud.strong` });
    await expect.poll(async () => (await focused(page)).id).toBe(await yes.getAttribute('id'));
    await checkPage(page, 'console-rules-zh-CN-4-delete');
    await yes.click();
    await page
      .getByRole('status')
      .filter({ hasText: s.rules.deleted.replace('{{id}}', 'fraud.strong') })
      .waitFor();
    expect(await fraud.count()).toBe(0);
    await page.reload();
    await rule.waitFor();
    expect(await fraud.count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('a handler reads targets, lists and rules but has no controls to change them', async () => {
    const lang: TLang = 'en';
    const s = consoleStrings(lang);
    await reportWithUrl(`https://e2e-read-${randomBytes(4).toString('hex')}.example.cn/x`);
    // A case in Hangzhou, outside this Guangzhou handler's scope: counted, never named.
    const far = `https://e2e-far-${randomBytes(4).toString('hex')}.example.cn/x`;
    const farCase = await reportWithUrl(far, { category: 'rumor', answers: {}, regionCode: '330106' });
    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, handler);

    await openNav(page, lang, 'targets');
    await page.getByTestId('target-row').first().waitFor();
    await page.getByText(s.targets.readOnly).waitFor();
    await page.getByRole('textbox', { name: s.targets.filter.q, exact: true }).fill(far);
    await page.getByRole('button', { name: s.queue.apply, exact: true }).click();
    const farRow = page.locator('[data-testid="target-row"][data-key^="url|"]').filter({ hasText: far });
    await farRow.waitFor();
    expect(await farRow.getByRole('link').count()).toBe(0);
    expect(await farRow.getByTestId('target-cases-hidden').textContent()).toContain(
      s.targets.casesHidden.replace('{{n}}', '1'),
    );
    expect(await page.content()).not.toContain(farCase);
    expect(await page.getByRole('columnheader', { name: s.targets.col.actions }).count()).toBe(0);
    expect(await page.getByRole('button', { name: new RegExp(`^${s.targets.change}\\b`) }).count()).toBe(0);
    await checkPage(page, 'console-targets-en-1-registry-read-only');

    await page.getByRole('link', { name: s.targets.tab.lists, exact: true }).click();
    await page.locator('[data-list="generic"]').waitFor();
    expect(await page.getByRole('button', { name: new RegExp(`^${s.lists.edit}\\b`) }).count()).toBe(0);
    await checkPage(page, 'console-targets-en-2-lists-read-only');

    await openNav(page, lang, 'rules');
    await page.getByTestId('rule').first().waitFor();
    expect(await page.getByRole('button', { name: new RegExp(`^${s.rules.edit}\\b`) }).count()).toBe(0);
    expect(await page.getByRole('button', { name: s.rules.new }).count()).toBe(0);
    await checkPage(page, 'console-rules-en-1-read-only');

    // The server refuses too (a request with the session's CSRF token, so only the permission is missing).
    const refused = await page.evaluate<string>(
      `fetch('/api/v1/staff/me').then((r) => r.json()).then((me) =>
         fetch('/api/v1/targets/status', { method: 'PUT',
           headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
           body: JSON.stringify({ key: 'domain|example.cn', status: 'cleared' }) }))
       .then(async (r) => r.status + ' ' + (await r.json()).error.code)`,
    );
    expect(refused).toBe('403 forbidden');
    expect(unexpected(errors).filter((e) => !e.includes('status of 403'))).toEqual([]);
    await context.close();
  });
});
