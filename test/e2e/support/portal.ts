import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { checkPage } from './browser.js';

type TLang = 'zh-CN' | 'en';

/** The portal's own strings, so tests find controls by the labels people see. */
export function strings(lang: TLang) {
  const portal = JSON.parse(readFileSync(`src/web/portal/locales/${lang}.json`, 'utf8'));
  const common = JSON.parse(readFileSync(`src/web/shared/locales/${lang}.json`, 'utf8'));
  return { ...portal, common };
}

/** A small real photo (JPEG) for the evidence step. */
export async function photo(name: string, colour = '#c0392b') {
  const buffer = await sharp({ create: { width: 96, height: 64, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

export const FRAUD = {
  'zh-CN': {
    category: /^网络诈骗/,
    contact: '电话',
    province: '440000',
    city: '440100',
    description:
      '有人冒充快递客服打电话说我的包裹丢了要理赔，让我下载会议软件共享屏幕，然后转走了我银行卡里的三千二百元。',
  },
  en: {
    category: /^Online Fraud/,
    contact: 'Phone call',
    province: '310000',
    city: '',
    description:
      'A caller posing as courier customer service said my parcel was lost, had me install a meeting app and share my screen, then took 3,200 yuan from my bank card.',
  },
} as const;

export interface TReceiptShown {
  reportNo: string;
  receiptCode: string;
}

/**
 * Fills and sends the fraud report with the mouse and keyboard as a person would: category, description,
 * region, two targets (a URL and a phone number), the questionnaire, one photo, anonymous, pledge. Every
 * step is checked (axe, no horizontal scroll, screenshot) under `prefix`.
 */
export async function reportFraud(page: Page, lang: TLang, prefix: string): Promise<TReceiptShown> {
  const s = strings(lang);
  const r = s.report;
  const f = FRAUD[lang];
  const next = () => page.getByRole('button', { name: r.next }).click();

  await page.getByRole('button', { name: s.home.reportNow }).click();
  await expect.poll(() => page.url()).toMatch(/\/report$/);
  await page.getByRole('radio', { name: f.category }).check();
  await checkPage(page, `${prefix}-2-step1-category`);
  await next();

  await page.getByRole('textbox', { name: r.details.description, exact: true }).fill(f.description);
  await page.getByRole('combobox', { name: r.details.province, exact: true }).selectOption(f.province);
  if (f.city) await page.getByRole('combobox', { name: r.details.city, exact: true }).selectOption(f.city);
  await page
    .getByRole('textbox', { name: r.details.targetValue.replace('{{n}}', '1'), exact: true })
    .fill('https://kuaidi-lipei.example.cn/claim');
  await page.getByRole('button', { name: r.details.addTarget }).click();
  await page
    .getByRole('combobox', { name: r.details.targetType.replace('{{n}}', '2'), exact: true })
    .selectOption('phone');
  await page
    .getByRole('textbox', { name: r.details.targetValue.replace('{{n}}', '2'), exact: true })
    .fill('+86 171 0000 1234');
  await page.locator('#answers-contactChannel').getByRole('radio', { name: f.contact, exact: true }).check();
  await checkPage(page, `${prefix}-3-step2-details`);
  await next();

  await page.locator('#evidence').setInputFiles([await photo('screenshot-chat.jpg')]);
  await expect.poll(() => page.getByText('screenshot-chat.jpg').count()).toBe(1);
  await checkPage(page, `${prefix}-4-step3-evidence`);
  await next();

  // Anonymous is the default.
  expect(await page.locator('#identity input[value="anonymous"]').isChecked()).toBe(true);
  await checkPage(page, `${prefix}-5-step4-identity`);
  await next();

  await page.getByRole('checkbox', { name: r.review.pledge }).check();
  await checkPage(page, `${prefix}-6-step5-review`);
  await page.getByRole('button', { name: r.submit }).click();

  await page.waitForURL(/\/report\/receipt$/, { timeout: 30_000 });
  const reportNo = (await page.getByTestId('report-no').textContent()) ?? '';
  const receiptCode = (await page.getByTestId('receipt-code').textContent()) ?? '';
  expect(reportNo).toMatch(/^JB\d{8}-\d{6}$/);
  expect(receiptCode).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
  await checkPage(page, `${prefix}-7-receipt`);
  // The draft is gone from the browser once the report is stored.
  expect(await page.evaluate("sessionStorage.getItem('qinglang.report.draft')")).toBeNull();
  return { reportNo, receiptCode };
}

/** Opens "check my report" with a receipt code and waits for the report to show. */
export async function openFollowUp(page: Page, lang: TLang, receipt: TReceiptShown): Promise<void> {
  const s = strings(lang);
  await page.getByRole('navigation').getByRole('link', { name: s.nav.check }).click();
  await page.getByRole('textbox', { name: s.check.code, exact: true }).fill(receipt.receiptCode);
  await page.getByRole('button', { name: s.check.open, exact: true }).click();
  await page
    .getByRole('heading', { level: 1, name: s.followUp.title.replace('{{reportNo}}', receipt.reportNo) })
    .waitFor();
}
