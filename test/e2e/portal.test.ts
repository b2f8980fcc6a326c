import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToReporter } from '../../src/server/modules/cases/followup.service.js';
import { checkPage, DESKTOP, launchBrowser, openPage, PHONE } from './support/browser.js';
import { openFollowUp, photo, reportFraud, strings } from './support/portal.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function reportRow(reportNo: string) {
  const { rows } = await server.db.pool.query<{
    id: string;
    case_id: string;
    targets: string[];
    region_code: string;
  }>('SELECT id, case_id, targets, region_code FROM reports WHERE report_no = $1', [reportNo]);
  const row = rows[0];
  if (!row) throw new Error(`report ${reportNo} not stored`);
  return row;
}

const evidenceCount = async (reportId: string) =>
  Number(
    (
      await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM evidence WHERE report_id = $1', [
        reportId,
      ])
    ).rows[0]?.n,
  );

/** The whole journey: report → receipt → check → handler's message → reply → another file. */
async function journey(lang: 'zh-CN' | 'en', device: typeof PHONE, prefix: string) {
  const s = strings(lang);
  const { context, page, errors } = await openPage(browser, { ...device, language: 'zh-CN' });
  await page.goto(server.url);
  if (lang === 'en') {
    // The language switch, as a person would use it (the choice is remembered).
    await page.getByRole('button', { name: strings('zh-CN').common.language.switchTo }).click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
  }
  await page.getByRole('heading', { level: 1, name: s.home.title }).waitFor();
  await page.locator('.category-card').first().waitFor();
  await checkPage(page, `${prefix}-1-home`);

  const receipt = await reportFraud(page, lang, prefix);
  const row = await reportRow(receipt.reportNo);
  expect(row.targets).toEqual(['https://kuaidi-lipei.example.cn/claim', '+86 171 0000 1234']);
  expect(row.region_code).toBe(lang === 'zh-CN' ? '440100' : '310000');
  expect(await evidenceCount(row.id)).toBe(1);

  // A handler answers through the cases service (what the staff console calls).
  const handlerMessage =
    lang === 'zh-CN'
      ? '您好，请问对方让您下载的会议软件叫什么名字？'
      : 'Hello, what was the name of the meeting app they had you install?';
  await replyToReporter(server.db.db, {
    caseId: row.case_id,
    reportId: row.id,
    staffId: '00000000-0000-4000-8000-000000000001',
    body: handlerMessage,
  });

  await openFollowUp(page, lang, receipt);
  await page.getByTestId('messages').getByText(handlerMessage).waitFor();
  await checkPage(page, `${prefix}-8-follow-up`);

  const reply =
    lang === 'zh-CN'
      ? '软件叫“云会议”，是对方发来的链接下载的。'
      : 'It was called "CloudMeet"; they sent me a download link.';
  await page.getByRole('textbox', { name: s.followUp.reply, exact: true }).fill(reply);
  await page.getByRole('button', { name: s.followUp.sendReply }).click();
  await page.getByTestId('messages').getByText(reply).waitFor();

  await page.locator('#more-files').setInputFiles([await photo('transfer-record.jpg', '#2e86de')]);
  await page.getByRole('button', { name: s.followUp.upload }).click();
  await page.getByText(s.followUp.sent.files).waitFor({ timeout: 30_000 });
  expect(await evidenceCount(row.id)).toBe(2);
  await checkPage(page, `${prefix}-9-follow-up-after-reply`);
  expect(errors).toEqual([]);
  await context.close();
}

describe('the public portal in Chromium', () => {
  it('zh-CN on a 360 px phone: anonymous fraud report with two targets and a photo, then the follow-up', async () => {
    await journey('zh-CN', PHONE, 'zh-phone');
  });

  it('en on a desktop: the same journey in English', async () => {
    await journey('en', DESKTOP, 'en-desktop');
  });
});
