import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (apt-get install chromium fonts-wqy-microhei). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTEFACTS = 'test-results/e2e';

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTEFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** A fresh context (axe needs a page from browser.newContext()) in the given UI language. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions & { language?: 'zh-CN' | 'en' } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { language, ...contextOptions } = options;
  const context = await browser.newContext({ ...contextOptions, locale: language ?? 'zh-CN' });
  if (language) {
    await context.addInitScript(`localStorage.setItem('qinglang.language', ${JSON.stringify(language)})`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/** axe-core over the whole page: no violations of any rule (WCAG A/AA and best practices). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Colours are checked as they settle: a button still fading after a click would be measured half-way
  // (finite animations only: a spinner never finishes).
  await page.evaluate(
    `Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined)))`,
  );
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/** No horizontal scrolling: the document is no wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page, name: string): Promise<void> {
  // (Browser-side code as text: this file is type-checked without the DOM library.)
  const { doc, body, viewport } = await page.evaluate<{ doc: number; body: number; viewport: number }>(
    '({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth })',
  );
  expect(Math.max(doc, body), `document wider than the viewport on ${name}`).toBeLessThanOrEqual(viewport);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/** Everything a page should pass: accessible, no horizontal scroll, a screenshot as artefact. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoHorizontalScroll(page, name);
  await expectAccessible(page, name);
  await screenshot(page, name);
}
