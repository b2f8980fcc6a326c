import { addWorkingDays, endOfDay, localDate } from '../../platform/calendar/calendar.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { highlight } from '../../platform/text/highlight.js';
import { searchTokens } from '../../platform/text/segment.js';
import { inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import { OPEN_STATES } from './case.states.js';
import type { TCaseState } from './case.tables.js';
import { queryQueue, type TQueueFilter } from './case-queue.repository.js';

export const QUEUES = [
  'all',
  'mine',
  'unassigned',
  'awaiting_info',
  'recently_closed',
  'due_soon',
  'overdue',
] as const;

/** Working days ahead that count as "due soon". */
const DUE_SOON_WORKING_DAYS = 3;
export type TQueue = (typeof QUEUES)[number];

export interface TQueueQuery {
  queue: TQueue;
  state?: TCaseState[];
  category?: string[];
  priority?: string[];
  channel?: string;
  /** A department code: its subtree. */
  department?: string;
  assignee?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: 'newest' | 'oldest';
  cursor?: string;
  limit: number;
}

const RECENTLY_CLOSED_DAYS = 30;

function decodeCursor(cursor: string): { openedAt: Date; id: string } {
  try {
    const { o, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      o: string;
      i: string;
    };
    const openedAt = new Date(o);
    if (Number.isNaN(openedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(i)) throw new Error('bad cursor');
    return { openedAt, id: i };
  } catch {
    throw new AppError('validation_failed', 400, {}, [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}

/** Staff queues and search: presets over one keyset-paginated query, always within the actor's scope. */
export function createCaseQueue(deps: { db: Db; departments: DepartmentService; timeZone?: string }) {
  return {
    async list(actor: TActor, query: TQueueQuery) {
      const tree = await deps.departments.all();
      const own = tree.filter((d) => inScope(actor, d.path));
      const filter: TQueueFilter = {
        ownDepartmentIds: own.map((d) => d.id),
        // When the actor sees every department, the cases their departments held before add nothing.
        previousDepartmentIds: own.length === tree.length ? [] : own.map((d) => d.id),
        direction: query.sort === 'oldest' ? 'asc' : 'desc',
        limit: query.limit + 1,
      };
      if (query.department) {
        const root = tree.find((d) => d.code === query.department);
        filter.departmentIds = root
          ? own.filter((d) => inScope({ departmentPath: root.path }, d.path)).map((d) => d.id)
          : [];
      }
      switch (query.queue) {
        case 'mine':
          filter.assigneeId = actor.id;
          filter.states = [...OPEN_STATES];
          break;
        case 'unassigned':
          filter.assigneeId = null;
          filter.states = [...OPEN_STATES];
          filter.previousDepartmentIds = [];
          break;
        case 'awaiting_info':
          filter.states = ['awaiting_info'];
          break;
        case 'recently_closed':
          filter.states = ['closed'];
          filter.closedSince = new Date(Date.now() - RECENTLY_CLOSED_DAYS * 86_400_000);
          break;
        case 'due_soon': {
          const now = new Date();
          // "Due soon" is read in the viewer's own department's time zone (its working days end there).
          const tz =
            tree.find((d) => d.id === actor.departmentId)?.timeZone ?? deps.timeZone ?? 'Asia/Shanghai';
          filter.states = [...OPEN_STATES];
          filter.dueFrom = now;
          filter.dueBefore = endOfDay(addWorkingDays(localDate(now, tz), DUE_SOON_WORKING_DAYS), tz);
          break;
        }
        case 'overdue':
          filter.states = [...OPEN_STATES];
          filter.dueBefore = new Date();
          break;
        case 'all':
          break;
      }
      if (query.state?.length)
        filter.states = filter.states ? filter.states.filter((s) => query.state?.includes(s)) : query.state;
      if (query.category?.length) filter.categories = query.category;
      if (query.priority?.length) filter.priorities = query.priority;
      if (query.channel) filter.channel = query.channel;
      if (query.assignee) filter.assigneeId = query.assignee;
      if (query.from) filter.openedFrom = new Date(query.from);
      if (query.to) filter.openedTo = new Date(query.to);
      if (query.q) {
        const tokens = searchTokens(query.q);
        if (tokens.length) filter.searchTokens = tokens;
      }
      if (query.cursor) filter.after = decodeCursor(query.cursor);
      const rows = await queryQueue(deps.db, filter);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? Buffer.from(JSON.stringify({ o: last.openedAt.toISOString(), i: last.id })).toString('base64url')
          : null;
      const departments = new Map(tree.map((d) => [d.id, d]));
      return {
        items: page.map((r) => ({
          ...r,
          highlight: r.highlight && filter.searchTokens ? highlight(r.highlight, filter.searchTokens) : null,
          department: {
            code: departments.get(r.departmentId)?.code ?? '',
            nameZh: departments.get(r.departmentId)?.nameZh ?? '',
            nameEn: departments.get(r.departmentId)?.nameEn ?? '',
          },
          readOnly: !own.some((d) => d.id === r.departmentId),
          overdue: r.nextDueAt !== null && r.nextDueAt.getTime() < Date.now(),
        })),
        nextCursor,
      };
    },
  };
}

export type CaseQueue = ReturnType<typeof createCaseQueue>;
