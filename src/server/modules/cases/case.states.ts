import { z } from 'zod';
import type { TPermission } from '../org/access.policy.js';
import { CASE_OUTCOMES, type TCaseOutcome, type TCaseState } from './case.tables.js';

/**
 * The case workflow as data: for each transition, the states it leaves, the state it enters, the permission
 * it needs, whether only the case's assignee (or a supervisor) may fire it, the fields it requires, and its
 * side effects (timeline event, public or not; message to the reporter). The service enforces exactly this;
 * the API lists the transitions an actor may fire, so the console never offers what the server would refuse.
 */
export interface TTransition {
  from: readonly TCaseState[];
  to: TCaseState;
  permission: TPermission;
  /** Only the assignee may fire it — or anyone holding `case.assign` (supervisors) in scope. */
  assigneeOnly: boolean;
  fields: z.ZodObject;
  /** Shown on the reporter's public timeline. */
  public: boolean;
  /** The field whose text is sent to the reporter as a message (they see it in the receipt session). */
  messageToReporter?: string;
  /** An extra condition on the case; returns the refusal's message key when it does not hold. */
  guard?: (c: { state: TCaseState; outcome: TCaseOutcome | null }) => 'error.close_needs_action' | undefined;
}

const ZText = (max: number) => z.string().trim().min(1).max(max);

export const TRANSITIONS = {
  accept: {
    from: ['received'],
    to: 'accepted',
    permission: 'case.handle',
    assigneeOnly: false,
    fields: z.strictObject({ note: ZText(2000).optional() }),
    public: true,
  },
  not_accept: {
    from: ['received'],
    to: 'not_accepted',
    permission: 'case.handle',
    assigneeOnly: false,
    fields: z.strictObject({ reason: ZText(2000) }),
    public: true,
    messageToReporter: 'reason',
  },
  start_verification: {
    from: ['accepted', 'reopened'],
    to: 'verifying',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({}),
    public: true,
  },
  request_info: {
    from: ['verifying'],
    to: 'awaiting_info',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({ question: ZText(5000) }),
    public: true,
    messageToReporter: 'question',
  },
  resume_verification: {
    from: ['awaiting_info'],
    to: 'verifying',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({ note: ZText(2000).optional() }),
    public: true,
  },
  decide: {
    from: ['verifying'],
    to: 'decided',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({ outcome: z.enum(CASE_OUTCOMES), findings: ZText(10_000) }),
    public: true,
  },
  record_action: {
    from: ['decided'],
    to: 'actioned',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({ actions: ZText(10_000) }),
    public: true,
  },
  close: {
    from: ['decided', 'actioned'],
    to: 'closed',
    permission: 'case.handle',
    assigneeOnly: true,
    fields: z.strictObject({ feedback: ZText(5000) }),
    public: true,
    messageToReporter: 'feedback',
    // A substantiated (or partly substantiated) case is closed only after what was done is recorded.
    guard: (c) =>
      c.state === 'decided' && c.outcome !== 'unsubstantiated' ? 'error.close_needs_action' : undefined,
  },
  reopen: {
    from: ['closed', 'not_accepted'],
    to: 'reopened',
    permission: 'case.assign',
    assigneeOnly: false,
    fields: z.strictObject({ kind: z.enum(['review', 're_examination']), reason: ZText(2000) }),
    public: true,
  },
} as const satisfies Record<string, TTransition>;

export type TTransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TTransitionName[];

/** States in which a case is still being worked on (transfer and assignment apply). */
export const OPEN_STATES: readonly TCaseState[] = [
  'received',
  'accepted',
  'verifying',
  'awaiting_info',
  'decided',
  'actioned',
  'reopened',
];
