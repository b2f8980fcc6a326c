import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TRole } from '../../../src/server/modules/org/access.policy.js';
import { createTestStaff, type TTestStaff } from '../../../src/server/modules/org/staff.testing.js';
import { currentTotpCode } from '../../../src/server/modules/org/totp.js';
import { loadConfig } from '../../../src/server/platform/config.js';
import { deriveKeys } from '../../../src/server/platform/crypto/keys.js';
import { masterKeyFromBase64 } from '../../../src/server/platform/crypto/master-key.js';
import { createServices } from '../../../src/server/services.js';
import { reportBody } from '../../support/app.js';
import type { RunningServer } from './server.js';

export type TLang = 'zh-CN' | 'en';

/** The console's own strings, so tests find controls by the labels people see. */
export function consoleStrings(lang: TLang) {
  const own = JSON.parse(readFileSync(`src/web/console/locales/${lang}.json`, 'utf8'));
  const common = JSON.parse(readFileSync(`src/web/shared/locales/${lang}.json`, 'utf8'));
  return { ...own, common };
}

/** The server's master key, chosen by the test so it can enrol TOTP secrets the server can open. */
export const MASTER_KEY = randomBytes(32).toString('base64');

/** Creates staff accounts in the running server's database (TOTP enrolled when asked). */
export function staffFactory(server: RunningServer) {
  const keys = deriveKeys(masterKeyFromBase64(MASTER_KEY));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent', WEB_ROOT: '/nonexistent' });
  const services = createServices(config, server.db, keys);
  return (input: { username: string; departmentCode: string; roles: TRole[]; totp?: boolean }) =>
    createTestStaff({ db: server.db.db, keys, staff: services.staff }, input);
}

/** A new web report through the public API (proof of work off in this server), as a reporter sends it. */
export async function fileReport(server: RunningServer, description: string) {
  const res = await fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reportBody({ description })),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { reportNo: string; caseNo: string; receiptCode: string };
}

/** The reporter answers through the receipt API: open a receipt session, then post a message. */
export async function reporterAnswers(server: RunningServer, receiptCode: string, body: string) {
  const session = await fetch(`${server.url}/api/v1/receipts/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receiptCode }),
  });
  expect(session.status).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const sent = await fetch(`${server.url}/api/v1/receipt/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ body }),
  });
  expect(sent.status, await sent.clone().text()).toBe(201);
}

/** The last TOTP time step used per secret: the server refuses a step at or before the last accepted one. */
const lastTotpStep = new Map<string, number>();
const TOTP_PERIOD_MS = 30_000;

/** A TOTP code of a time step not used yet for this secret (waits for the next step when needed). */
async function freshTotpCode(secret: string): Promise<string> {
  const last = lastTotpStep.get(secret);
  let step = Math.floor(Date.now() / TOTP_PERIOD_MS);
  if (last !== undefined && step <= last) {
    await new Promise((r) => setTimeout(r, (last + 1) * TOTP_PERIOD_MS - Date.now() + 200));
    step = Math.floor(Date.now() / TOTP_PERIOD_MS);
  }
  lastTotpStep.set(secret, step);
  return currentTotpCode(secret, step * TOTP_PERIOD_MS + 1);
}

/** Signs in through the console's form, with the TOTP step when the account has a secret. */
export async function signInConsole(
  page: Page,
  lang: TLang,
  user: TTestStaff,
  onStep?: (step: string) => Promise<void>,
) {
  const s = consoleStrings(lang).signIn;
  await page.getByRole('heading', { level: 1, name: s.title }).waitFor();
  await onStep?.('sign-in');
  await page.getByRole('textbox', { name: s.username, exact: true }).fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: s.submit, exact: true }).click();
  if (user.totpSecret) {
    await page.getByRole('heading', { level: 2, name: s.totpTitle }).waitFor();
    await onStep?.('totp');
    const code = await freshTotpCode(user.totpSecret);
    await page.getByRole('textbox', { name: s.code, exact: true }).fill(code);
    await page.getByRole('button', { name: s.verify, exact: true }).click();
  }
  await page.getByTestId('who').waitFor();
}

/** Fires one action of the case page's panel: opens its form, fills the fields, confirms, waits for the state. */
export async function act(
  page: Page,
  lang: TLang,
  action: string,
  fields: Record<string, string> = {},
  expectState?: string,
) {
  const s = consoleStrings(lang);
  const name = s.action.name[action] as string;
  await page.getByTestId('actions').getByRole('button', { name, exact: true }).click();
  const form = page.locator(`#action-form-${action}`);
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'outcome') {
      await form.getByRole('radio', { name: s.outcome[value], exact: true }).check();
    } else {
      await form.getByRole('textbox', { name: s.field[field], exact: true }).fill(value);
    }
  }
  await form.getByRole('button', { name: s.action.confirm.replace('{{action}}', name), exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: s.action.done.replace('{{action}}', name) })
    .waitFor();
  if (expectState) {
    await expect.poll(() => page.getByTestId('case-state').textContent()).toContain(s.state[expectState]);
  }
}
