import { staffApi } from '../api.js';

/** One input of an action's form. `options` are values; their labels come from `optionKey.<value>`. */
export interface TFieldSpec {
  name: string;
  kind: 'textarea' | 'text' | 'radio' | 'number' | 'assignee' | 'department';
  required?: boolean;
  options?: readonly string[];
  optionKey?: string;
  max?: number;
}

export interface TActionSpec {
  fields: TFieldSpec[];
  submit(caseId: string, values: Record<string, string>): Promise<unknown>;
  /** Shown as the main (primary) button. */
  primary?: boolean;
  danger?: boolean;
}

const clean = (values: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );

const transition = (name: string) => (caseId: string, values: Record<string, string>) =>
  staffApi(`/cases/${caseId}/transitions/${name}`, { body: clean(values) });

const text = (name: string, required = true, max = 5000): TFieldSpec => ({
  name,
  kind: 'textarea',
  required,
  max,
});

/**
 * Every action the server may list in a case's `actions`, with its form (fields as in the server's
 * src/server/modules/cases/case.states.ts) and its request. The panel offers only the listed ones.
 */
export const ACTIONS: Record<string, TActionSpec> = {
  claim: { fields: [], submit: (id) => staffApi(`/cases/${id}/claim`, { body: {} }), primary: true },
  accept: { fields: [text('note', false, 2000)], submit: transition('accept'), primary: true },
  not_accept: { fields: [text('reason', true, 2000)], submit: transition('not_accept'), danger: true },
  start_verification: { fields: [], submit: transition('start_verification'), primary: true },
  request_info: { fields: [text('question')], submit: transition('request_info') },
  resume_verification: { fields: [text('note', false, 2000)], submit: transition('resume_verification') },
  decide: {
    fields: [
      {
        name: 'outcome',
        kind: 'radio',
        required: true,
        options: ['substantiated', 'partly_substantiated', 'unsubstantiated'],
        optionKey: 'outcome',
      },
      text('findings', true, 10_000),
    ],
    submit: transition('decide'),
    primary: true,
  },
  record_action: {
    fields: [text('actions', true, 10_000)],
    submit: transition('record_action'),
    primary: true,
  },
  close: { fields: [text('feedback')], submit: transition('close'), primary: true },
  reopen: {
    fields: [
      {
        name: 'kind',
        kind: 'radio',
        required: true,
        options: ['review', 're_examination'],
        optionKey: 'reopenKind',
      },
      text('reason', true, 2000),
    ],
    submit: transition('reopen'),
  },
  reply: { fields: [text('body')], submit: (id, v) => staffApi(`/cases/${id}/messages`, { body: clean(v) }) },
  note: { fields: [text('body')], submit: (id, v) => staffApi(`/cases/${id}/notes`, { body: clean(v) }) },
  assign: {
    fields: [{ name: 'assigneeId', kind: 'assignee' }],
    submit: (id, v) => staffApi(`/cases/${id}/assign`, { body: { assigneeId: v.assigneeId || null } }),
  },
  transfer: {
    fields: [{ name: 'departmentCode', kind: 'department', required: true }, text('reason', true, 2000)],
    submit: (id, v) => staffApi(`/cases/${id}/transfer`, { body: clean(v) }),
  },
  extend_deadline: {
    fields: [{ name: 'days', kind: 'number', required: true }, text('reason', true, 2000)],
    submit: (id, v) =>
      staffApi(`/cases/${id}/extension`, { body: { days: Number(v.days), reason: (v.reason ?? '').trim() } }),
  },
};

/** The order in which offered actions are shown: workflow first, then communication, then assignment. */
export const ACTION_ORDER = [
  'claim',
  'accept',
  'not_accept',
  'start_verification',
  'request_info',
  'resume_verification',
  'decide',
  'record_action',
  'close',
  'reopen',
  'reply',
  'note',
  'assign',
  'transfer',
  'extend_deadline',
];
