import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../src/server/platform/crypto/webhook-signature.js';
import { checkPage, DESKTOP, expectAccessible, launchBrowser, openPage } from './support/browser.js';
import { consoleStrings, MASTER_KEY, signInConsole, staffFactory, type TLang } from './support/console.js';
import { type RunningServer, startServer } from './support/server.js';

interface TQuestion {
  key: string;
  type: string;
  required: boolean;
  options?: { value: string; label: string }[];
}

const SECRET = 'telephony-secret-for-e2e-tests';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ MASTER_KEY, POW_DIFFICULTY: '0', TELEPHONY_SECRET: SECRET });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The call system pushes a draft (signed), as the telephony webhook receives it. */
async function pushDraft(line: string) {
  const body = JSON.stringify({
    callId: `cdr-e2e-${Date.now()}`,
    line,
    callerNumber: '13912345678',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    transcript: '语音留言：有人冒充客服。',
  });
  const at = Math.floor(Date.now() / 1000);
  const res = await fetch(`${server.url}/api/v1/channels/telephony/calls`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: String(at),
      [SIGNATURE_HEADER]: signWebhook(SECRET, at, body),
    },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('the hotline operator screen', () => {
  it('an intake operator records a call and submits an anonymous caller’s report; the receipt code is shown', async () => {
    const lang: TLang = 'en';
    const s = consoleStrings(lang);
    const h = s.hotline;
    const operator = await staffFactory(server)({
      username: 'e2e.operator',
      departmentCode: 'GZ',
      roles: ['intake_operator'],
    });
    await pushDraft('12377-voicemail');
    const categories = (await (
      await fetch(`${server.url}/api/v1/categories`, { headers: { 'accept-language': 'en' } })
    ).json()) as { categories: { code: string; name: string; questionnaire: TQuestion[] }[] };
    const fraud = categories.categories.find((c) => c.code === 'fraud');
    if (!fraud) throw new Error('the fraud category is seeded');

    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, operator);
    await page.getByRole('link', { name: s.nav.hotline, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: h.title }).waitFor();
    // The call system's draft is in the queue, its caller number masked.
    const draftRow = page.getByTestId('call-row').filter({ hasText: '12377-voicemail' });
    await draftRow.waitFor();
    expect(await draftRow.textContent()).toContain(h.state.draft);
    expect(await draftRow.textContent()).not.toContain('13912345678');
    await checkPage(page, 'hotline-en-1-queue');

    // A new call record.
    await page.getByRole('textbox', { name: h.start.line, exact: true }).fill('12377');
    await page.getByRole('textbox', { name: h.start.callerNumber, exact: true }).fill('13800138000');
    await page.getByRole('button', { name: h.start.submit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: h.call.title }).waitFor();
    expect(await page.getByTestId('call-facts').textContent()).not.toContain('13800138000');

    // Real name would ask for the caller's details; the caller chooses anonymity, and agrees to recording.
    await page.getByTestId('report-anonymous').waitFor();
    await page.getByRole('radio', { name: h.call.realName, exact: true }).check();
    await page.getByRole('status').filter({ hasText: h.call.saved }).waitFor();
    await page.getByRole('textbox', { name: s.reporter.name, exact: true }).waitFor();
    await page.getByRole('radio', { name: h.call.anonymous, exact: true }).check();
    await page.getByTestId('report-anonymous').waitFor();
    expect(await page.getByRole('textbox', { name: s.reporter.name, exact: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: h.call.consent, exact: true }).check();
    await expect.poll(() => page.getByRole('checkbox', { name: h.call.consent }).isChecked()).toBe(true);
    const summary = '来电人称被冒充客服诈骗。<script>alert(1)</script>';
    await page.getByRole('textbox', { name: h.call.summary, exact: true }).fill(summary);
    await page.getByRole('button', { name: h.call.saveNotes, exact: true }).click();
    await page.getByTestId('report-anonymous').waitFor();

    // The report on the caller's behalf: category, description, targets, questionnaire.
    await page.getByRole('combobox', { name: h.report.category, exact: true }).selectOption('fraud');
    const description =
      'The caller says a fake courier agent asked them to install a meeting app and took 3200 yuan. <b>not markup</b>';
    await page.getByRole('textbox', { name: h.report.description, exact: true }).fill(description);
    await page
      .getByRole('textbox', { name: h.report.targets, exact: true })
      .fill(`https://fake-courier-${Date.now()}.cn/claim`);
    for (const q of fraud.questionnaire.filter((x) => x.required)) {
      if (q.type === 'select' && q.options?.[0]) {
        await page.getByRole('radio', { name: q.options[0].label, exact: true }).check();
      } else if (q.type === 'number') {
        await page.locator(`#answers-${q.key}`).fill('3200');
      } else if (q.type === 'boolean') {
        await page.locator(`#answers-${q.key}`).getByRole('radio').first().check();
      } else {
        await page.locator(`#answers-${q.key}`).fill('e2e');
      }
    }
    await expectAccessible(page, 'hotline-en-2-call-form');
    await page.getByRole('button', { name: h.report.submit, exact: true }).click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(await page.getByTestId('receipt-report-no').textContent()).toMatch(/^JB\d{8}-\d+$/);
    // Large enough to read back.
    const size = await page.evaluate<number>(
      'parseFloat(getComputedStyle(document.querySelector(\'[data-testid="receipt-code"]\')).fontSize)',
    );
    expect(size).toBeGreaterThanOrEqual(30);
    await expect.poll(() => page.getByTestId('call-state').textContent()).toBe(h.state.submitted);
    await checkPage(page, 'hotline-en-3-receipt');

    // The receipt code opens the report anonymously: the report was filed with no reporter.
    const session = await fetch(`${server.url}/api/v1/receipts/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptCode: code }),
    });
    expect(session.status).toBe(200);
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await context.close();
  });
});
