import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTestStaff } from '../../src/server/modules/org/staff.testing.js';
import {
  checkPage,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
} from './support/browser.js';
import {
  act,
  consoleStrings,
  fileReport,
  MASTER_KEY,
  reporterAnswers,
  signInConsole,
  staffFactory,
  type TLang,
} from './support/console.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let handler: TTestStaff;
let handlerEn: TTestStaff;
let supervisor: TTestStaff;

const DESCRIPTION =
  '有人冒充快递客服打电话说我的包裹丢了要理赔，让我下载云会议软件共享屏幕，然后转走了我银行卡里的三千二百元。<b>不是标记</b>';

beforeAll(async () => {
  server = await startServer({ MASTER_KEY, POW_DIFFICULTY: '0' });
  browser = await launchBrowser();
  const create = staffFactory(server);
  handler = await create({ username: 'e2e.handler', departmentCode: 'GZ', roles: ['handler'], totp: true });
  handlerEn = await create({ username: 'e2e.handler.en', departmentCode: 'GZ', roles: ['handler'] });
  supervisor = await create({
    username: 'e2e.supervisor',
    departmentCode: 'GD',
    roles: ['supervisor'],
    totp: true,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Console errors other than the signed-out probe of GET /staff/me (a 401 the browser always logs). */
const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 401'));

const shot = (page: Page, name: string) => screenshot(page, `console-${name}`);

describe('the staff console', () => {
  it('a handler takes a new report from the queue to closed; a supervisor sees it all on the timeline', async () => {
    const lang: TLang = 'zh-CN';
    const s = consoleStrings(lang);
    const report = await fileReport(server, DESCRIPTION);

    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/`);
    await signInConsole(page, lang, handler, async (step) => {
      await checkPage(page, `console-zh-CN-1-${step}`);
    });

    // The queue: the new report's case is there; a full-text search highlights the match as <mark>.
    await page.getByRole('heading', { level: 1, name: s.queue.name.all }).waitFor();
    await page.getByRole('link', { name: report.caseNo, exact: true }).waitFor();
    await checkPage(page, 'console-zh-CN-2-queue');
    await page.getByRole('textbox', { name: s.queue.filter.q, exact: true }).fill('云会议');
    await page.getByRole('button', { name: s.queue.apply, exact: true }).click();
    await expect.poll(() => page.url()).toContain('q=');
    const highlight = page.getByTestId('highlight').first();
    await highlight.locator('mark').first().waitFor();
    expect((await highlight.locator('mark').allTextContents()).join('|')).toContain('会议');
    // User text is never HTML: the <b> the reporter typed is text, not an element.
    expect(await page.locator('.highlight b').count()).toBe(0);
    await checkPage(page, 'console-zh-CN-3-search');

    // The case page.
    await page.getByRole('link', { name: report.caseNo, exact: true }).click();
    await page.getByTestId('case-no').filter({ hasText: report.caseNo }).waitFor();
    expect(await page.getByTestId('report-description').textContent()).toBe(DESCRIPTION);
    expect(await page.locator('[data-testid="report-description"] b').count()).toBe(0);
    await checkPage(page, 'console-zh-CN-4-case-received');

    // Only what the server offers: a received case can be accepted, not decided or closed.
    const offered = await page.getByTestId('actions').getByRole('button').allTextContents();
    expect(offered).toContain(s.action.name.accept);
    expect(offered).not.toContain(s.action.name.decide);
    expect(offered).not.toContain(s.action.name.close);

    await act(page, lang, 'accept', { note: '属于本部门管辖，予以受理。' }, 'accepted');
    await act(page, lang, 'claim');
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toBe(handler.username);
    await act(page, lang, 'start_verification', {}, 'verifying');
    const question = '请问对方让您下载的会议软件叫什么名字？请提供转账记录截图。';
    await act(page, lang, 'request_info', { question }, 'awaiting_info');
    await act(page, lang, 'note', { body: '已联系反诈中心核实号码归属。' });
    await shot(page, 'zh-CN-5-awaiting-info');

    // The reporter answers through the receipt API.
    const answer = '软件叫“云会议”，转账记录稍后补充。';
    await reporterAnswers(server, report.receiptCode, answer);
    await page.getByRole('button', { name: s.case.refresh, exact: true }).click();
    const incoming = page.getByTestId('timeline-message').filter({ hasText: answer });
    await incoming.waitFor();
    expect(await incoming.textContent()).toContain(s.timeline.messageIn);

    await act(page, lang, 'resume_verification', {}, 'verifying');
    await act(
      page,
      lang,
      'decide',
      { outcome: 'substantiated', findings: '经核实，该号码冒充快递客服实施诈骗，举报属实。' },
      'decided',
    );
    // A substantiated case is closed only after the action is recorded: close is not on offer yet.
    expect(await page.getByTestId('actions').getByRole('button').allTextContents()).not.toContain(
      s.action.name.close,
    );
    await act(
      page,
      lang,
      'record_action',
      { actions: '已通报运营商关停该号码，并移交公安机关。' },
      'actioned',
    );
    await act(
      page,
      lang,
      'close',
      { feedback: '您举报的情况属实，相关号码已被关停，感谢您的举报。' },
      'closed',
    );
    await checkPage(page, 'console-zh-CN-6-case-closed');

    // Notes and messages look different (and say so in words).
    const note = page.getByTestId('timeline-note').first();
    expect(await note.textContent()).toContain(s.timeline.note);
    const outgoing = page.getByTestId('timeline-message').filter({ hasText: question });
    expect(await outgoing.textContent()).toContain(s.timeline.messageOut);
    const style = (testId: string, text: string) =>
      page.evaluate<string>(`(() => {
        const el = [...document.querySelectorAll('[data-testid="${testId}"]')].find((e) => e.textContent.includes(${JSON.stringify(text)}));
        const s = getComputedStyle(el);
        return s.borderStyle + ' ' + s.backgroundColor;
      })()`);
    const noteStyle = await style('timeline-note', '已联系反诈中心核实号码归属。');
    const messageStyle = await style('timeline-message', question);
    expect(noteStyle).not.toBe(messageStyle);
    expect(unexpected(errors)).toEqual([]);
    await page.getByRole('button', { name: s.nav.signOut, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: s.signIn.title }).waitFor();
    await context.close();

    // The supervisor (Guangdong, above Guangzhou) sees the whole history on the timeline.
    const sup = await openPage(browser, { ...DESKTOP, language: lang });
    await sup.page.goto(`${server.url}/console/`);
    await signInConsole(sup.page, lang, supervisor);
    await sup.page.getByRole('link', { name: s.nav.cases, exact: true }).click();
    await sup.page.getByRole('link', { name: report.caseNo, exact: true }).click();
    await sup.page.getByTestId('case-no').filter({ hasText: report.caseNo }).waitFor();
    const types = await sup.page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="timeline-event"]')].map((e) => e.getAttribute('data-type'))`,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'report_received',
        'case_accept',
        'case_assigned',
        'case_start_verification',
        'case_request_info',
        'case_resume_verification',
        'case_decide',
        'case_record_action',
        'case_close',
      ]),
    );
    const timeline = (await sup.page.getByTestId('timeline').textContent()) ?? '';
    for (const text of [question, answer, '已联系反诈中心核实号码归属。', s.outcome.substantiated]) {
      expect(timeline).toContain(text);
    }
    await checkPage(sup.page, 'console-zh-CN-7-supervisor-timeline');
    expect(unexpected(sup.errors)).toEqual([]);
    await sup.context.close();
  });

  it('sign-in, queue and case pages pass axe in English too', async () => {
    const lang: TLang = 'en';
    const s = consoleStrings(lang);
    const report = await fileReport(
      server,
      'A caller posing as courier support asked me to install a meeting app.',
    );
    const { context, page, errors } = await openPage(browser, { ...DESKTOP, language: lang });
    await page.goto(`${server.url}/console/cases`);
    await signInConsole(page, lang, handlerEn, async (step) => checkPage(page, `console-en-1-${step}`));
    await page.getByRole('heading', { level: 1, name: s.queue.name.all }).waitFor();
    await page.getByRole('link', { name: report.caseNo, exact: true }).waitFor();
    await checkPage(page, 'console-en-2-queue');
    await page.getByRole('link', { name: report.caseNo, exact: true }).click();
    await page.getByTestId('case-no').filter({ hasText: report.caseNo }).waitFor();
    await page.getByTestId('actions').waitFor();
    await checkPage(page, 'console-en-3-case');
    // An action form open (labels, hints and errors tied to fields).
    await page
      .getByTestId('actions')
      .getByRole('button', { name: s.action.name.not_accept, exact: true })
      .click();
    const form = page.locator('#action-form-not_accept');
    await form
      .getByRole('button', {
        name: s.action.confirm.replace('{{action}}', s.action.name.not_accept),
        exact: true,
      })
      .click();
    const reason = form.getByRole('textbox', { name: s.field.reason, exact: true });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toContain('error');
    await expectAccessible(page, 'console-en-case-form-error');
    await screenshot(page, 'console-en-4-case-form-error');
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
