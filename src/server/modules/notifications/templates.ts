import { localDate, localDateTime } from '../../platform/calendar/calendar.js';
import type { TLanguage } from '../../platform/http/language.js';

/** Messages to reporters who agreed to be contacted. */
export const REPORTER_NOTICE_KINDS = [
  'acknowledgement',
  'acceptance',
  'not_accepted',
  'info_request',
  'extension',
  'outcome',
] as const;
export type TReporterNoticeKind = (typeof REPORTER_NOTICE_KINDS)[number];
export type TNoticeChannel = 'email' | 'sms';

/**
 * The only facts a template may use, per kind. Nothing about the reported party (targets, description,
 * findings) is ever offered, nor the receipt code: only the reporter's first answer carries it (the web page,
 * the hotline operator, the e-mail channel's own acknowledgement), and only its HMAC is stored.
 */
export const ALLOWED_PLACEHOLDERS: Record<TReporterNoticeKind, readonly string[]> = {
  acknowledgement: ['reportNo', 'deadlines'],
  acceptance: ['reportNo'],
  not_accepted: ['reportNo', 'reason'],
  info_request: ['reportNo', 'question'],
  extension: ['reportNo', 'reason', 'dueDate'],
  outcome: ['reportNo', 'outcome'],
};

type TTexts = Record<TLanguage, Record<TNoticeChannel, { subject: string; body: string }>>;

const FOLLOW_ZH = '请使用回执码登录举报网站查看详情。';
const FOLLOW_EN = 'Sign in with your receipt code on the reporting website for details.';

export const DEFAULT_TEMPLATES: Record<TReporterNoticeKind, TTexts> = {
  acknowledgement: {
    'zh-CN': {
      email: {
        subject: '举报已收到（{reportNo}）',
        body: `您的举报 {reportNo} 已收到，我们将依法处理。{deadlines}\n${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}已收到。{deadlines}${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'Report received ({reportNo})',
        body: `Your report {reportNo} has been received. {deadlines}\n${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo} received. {deadlines} ${FOLLOW_EN}` },
    },
  },
  acceptance: {
    'zh-CN': {
      email: {
        subject: '举报已受理（{reportNo}）',
        body: `您的举报 {reportNo} 已受理，正在核查。${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}已受理。${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'Report accepted ({reportNo})',
        body: `Your report {reportNo} has been accepted. ${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo} accepted. ${FOLLOW_EN}` },
    },
  },
  not_accepted: {
    'zh-CN': {
      email: {
        subject: '举报不予受理（{reportNo}）',
        body: `您的举报 {reportNo} 不予受理，理由：{reason}\n${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}不予受理。${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'Report not accepted ({reportNo})',
        body: `Your report {reportNo} was not accepted. Reason: {reason}\n${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo} not accepted. ${FOLLOW_EN}` },
    },
  },
  info_request: {
    'zh-CN': {
      email: {
        subject: '请补充材料（{reportNo}）',
        body: `关于您的举报 {reportNo}，承办人员请您补充：\n{question}\n${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}需要补充材料。${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'More information needed ({reportNo})',
        body: `About your report {reportNo}, the case officer asks:\n{question}\n${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo}: more information needed. ${FOLLOW_EN}` },
    },
  },
  extension: {
    'zh-CN': {
      email: {
        subject: '办理期限延长（{reportNo}）',
        body: `您的举报 {reportNo} 办理期限经批准延长至 {dueDate}，理由：{reason}\n${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}办理期限延长至{dueDate}。${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'Handling period extended ({reportNo})',
        body: `The handling period of your report {reportNo} was extended to {dueDate}. Reason: {reason}\n${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo}: period extended to {dueDate}. ${FOLLOW_EN}` },
    },
  },
  outcome: {
    'zh-CN': {
      email: {
        subject: '举报已办结（{reportNo}）',
        body: `您的举报 {reportNo} 已办结，核查结论：{outcome}。${FOLLOW_ZH}`,
      },
      sms: { subject: '', body: `【清朗】您的举报{reportNo}已办结。${FOLLOW_ZH}` },
    },
    en: {
      email: {
        subject: 'Report closed ({reportNo})',
        body: `Your report {reportNo} has been closed. Finding: {outcome}. ${FOLLOW_EN}`,
      },
      sms: { subject: '', body: `[Qinglang] Report {reportNo} closed. ${FOLLOW_EN}` },
    },
  },
};

/** Placeholders used in a text that the kind does not allow (empty: the text may be saved). */
export function disallowedPlaceholders(kind: TReporterNoticeKind, text: string): string[] {
  const allowed = ALLOWED_PLACEHOLDERS[kind];
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').filter((name) => !allowed.includes(name));
}

/** Fills a template with only the facts its kind allows; anything else is left out. */
export function renderTemplate(
  kind: TReporterNoticeKind,
  text: string,
  params: Partial<Record<string, string>>,
): string {
  const allowed = ALLOWED_PLACEHOLDERS[kind];
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    allowed.includes(name) ? (params[name] ?? '') : '',
  );
}

const UNITS: Record<TLanguage, Record<string, string>> = {
  'zh-CN': { calendar_days: '日', working_days: '个工作日', hours: '小时' },
  en: { calendar_days: 'days', working_days: 'working days', hours: 'hours' },
};

/** A due time in the department's zone: the day for day periods (they end at local midnight), else the minute. */
function dueText(lang: TLanguage, iso: string, unit: string, timeZone: string): string {
  const due = new Date(iso);
  const zone = timeZone === 'Asia/Shanghai' ? (lang === 'zh-CN' ? '北京时间' : 'Beijing time') : timeZone;
  if (unit === 'hours') return `${localDateTime(due, timeZone)} (${zone})`;
  const day = localDate(new Date(due.getTime() - 1), timeZone);
  return lang === 'zh-CN' ? `${day} 24:00（${zone}）` : `the end of ${day} (${zone})`;
}

/**
 * The `{deadlines}` sentence of the acknowledgement, from the facts the deadline engine put in the job:
 * `acceptanceDue`/`acceptanceUnit` (decision on acceptance), `handlingDue`/`handlingUnit` (running) or
 * `handlingAmount`/`handlingUnit` (starts on acceptance), `timeZone` (the department's).
 */
export function deadlinesText(lang: TLanguage, p: Partial<Record<string, string>>): string {
  const tz = p.timeZone ?? 'Asia/Shanghai';
  const zh = lang === 'zh-CN';
  const parts: string[] = [];
  if (p.acceptanceDue)
    parts.push(
      zh
        ? `是否受理的决定将于 ${dueText(lang, p.acceptanceDue, p.acceptanceUnit ?? '', tz)}前作出`
        : `A decision on acceptance is due by ${dueText(lang, p.acceptanceDue, p.acceptanceUnit ?? '', tz)}`,
    );
  const unit = UNITS[lang][p.handlingUnit ?? ''];
  if (p.handlingDue)
    parts.push(
      zh
        ? `办理期限至 ${dueText(lang, p.handlingDue, p.handlingUnit ?? '', tz)}`
        : `handling is due by ${dueText(lang, p.handlingDue, p.handlingUnit ?? '', tz)}`,
    );
  else if (p.handlingAmount && unit)
    parts.push(
      zh
        ? `受理后 ${p.handlingAmount} ${unit}内办结`
        : `once accepted, it is handled within ${p.handlingAmount} ${unit}`,
    );
  if (parts.length === 0) return '';
  const text = parts.join(zh ? '；' : '; ');
  return zh ? `${text}。` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
