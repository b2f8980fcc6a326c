import { Button, Input } from 'antd';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../shared/Field.js';
import { query } from '../api.js';
import { useAuth } from '../auth.js';
import { Highlight } from '../components/Highlight.js';
import { PriorityTag, StateTag } from '../components/StateTag.js';
import { useDepartmentOptions } from '../departments.js';
import { dateTime, departmentName } from '../format.js';
import { useCategories, usePagedList, useTitle } from '../hooks.js';
import type { TCaseListItem } from '../types.js';

export const QUEUES = [
  'all',
  'mine',
  'unassigned',
  'awaiting_info',
  'due_soon',
  'overdue',
  'recently_closed',
];
const STATES = [
  'received',
  'accepted',
  'not_accepted',
  'merged',
  'verifying',
  'awaiting_info',
  'decided',
  'actioned',
  'closed',
  'reopened',
];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const CHANNELS = ['web', 'email', 'hotline', 'partner'];
const FILTERS = [
  'q',
  'state',
  'category',
  'priority',
  'channel',
  'department',
  'from',
  'to',
  'sort',
] as const;
type TFilters = Record<(typeof FILTERS)[number], string>;
type TCasePage = { items: TCaseListItem[]; nextCursor: string | null };
const casePage = (page: TCasePage) => ({ items: page.items, next: page.nextCursor });

/** A date input's value (local day) as the start of that day, or of the next day for `to`. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** The queues, filters, sort, full-text search with highlights and keyset "load more". */
export default function QueuePage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const categories = useCategories();
  const departments = useDepartmentOptions(i18n.language);
  const [params, setParams] = useSearchParams();
  const queue = QUEUES.includes(params.get('queue') ?? '') ? (params.get('queue') as string) : 'all';
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as TFilters;
  const [draft, setDraft] = useState<TFilters>(applied);
  useTitle(t(`queue.name.${queue}`));

  const search = params.toString();
  const path = useCallback(
    (after?: string) => {
      const p = new URLSearchParams(search);
      return `/cases${query({
        queue: p.get('queue') ?? 'all',
        q: p.get('q'),
        state: p.get('state'),
        category: p.get('category'),
        priority: p.get('priority'),
        channel: p.get('channel'),
        department: p.get('department'),
        from: dayBound(p.get('from') ?? '', false),
        to: dayBound(p.get('to') ?? '', true),
        sort: p.get('sort'),
        cursor: after,
        limit: '25',
      })}`;
    },
    [search],
  );

  const {
    items,
    next: cursor,
    loading,
    error,
    loadMore,
  } = usePagedList<TCasePage, TCaseListItem>(path, casePage);

  useEffect(
    () => setDraft(Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as TFilters),
    [params],
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams({ queue });
    for (const f of FILTERS) if (draft[f]) next.set(f, draft[f]);
    setParams(next);
  };
  const reset = () => setParams(new URLSearchParams({ queue }));
  const set = (f: keyof TFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [f]: e.target.value }));

  const select = (f: keyof TFilters, options: string[], label: (o: string) => string, any = true) => (
    <div className="filter">
      <label htmlFor={`filter-${f}`}>{t(`queue.filter.${f}`)}</label>
      <select id={`filter-${f}`} className="native-select" value={draft[f]} onChange={set(f)}>
        {any && <option value="">{t('queue.filter.any')}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <h1>{t(`queue.name.${queue}`)}</h1>
      <nav aria-label={t('queue.queues')} className="queue-tabs">
        {QUEUES.map((q) => (
          <Link key={q} to={`/cases?queue=${q}`} aria-current={q === queue ? 'page' : undefined}>
            {t(`queue.name.${q}`)}
          </Link>
        ))}
      </nav>
      <form className="filters" onSubmit={apply} aria-label={t('queue.filtersLabel')}>
        <div className="filter filter-q">
          <label htmlFor="filter-q">{t('queue.filter.q')}</label>
          <Input id="filter-q" value={draft.q} onChange={set('q')} maxLength={200} allowClear />
        </div>
        {select('state', STATES, (s) => t(`state.${s}`))}
        {select('category', Object.keys(categories), (c) => categories[c] ?? c)}
        {select('priority', PRIORITIES, (p) => t(`priority.${p}`))}
        {select('channel', CHANNELS, (c) => t(`channel.${c}`))}
        {select(
          'department',
          departments.map((d) => d.code),
          (code) => departments.find((d) => d.code === code)?.label ?? code,
        )}
        <div className="filter">
          <label htmlFor="filter-from">{t('queue.filter.from')}</label>
          <input
            id="filter-from"
            type="date"
            className="native-input"
            value={draft.from}
            onChange={set('from')}
          />
        </div>
        <div className="filter">
          <label htmlFor="filter-to">{t('queue.filter.to')}</label>
          <input id="filter-to" type="date" className="native-input" value={draft.to} onChange={set('to')} />
        </div>
        {select('sort', ['newest', 'oldest'], (s) => t(`queue.sort.${s}`), false)}
        <div className="filter filter-buttons">
          <Button type="primary" htmlType="submit">
            {t('queue.apply')}
          </Button>
          <Button onClick={reset}>{t('queue.reset')}</Button>
        </div>
      </form>
      <FormError message={error} />
      <div className="table-wrap">
        <table className="queue-table" aria-busy={loading}>
          <caption className="visually-hidden">{t(`queue.name.${queue}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.col.case')}</th>
              <th scope="col">{t('queue.col.state')}</th>
              <th scope="col">{t('queue.col.category')}</th>
              <th scope="col">{t('queue.col.priority')}</th>
              <th scope="col">{t('queue.col.department')}</th>
              <th scope="col">{t('queue.col.assignee')}</th>
              <th scope="col">{t('queue.col.deadline')}</th>
              <th scope="col">{t('queue.col.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="queue-row">
                <td>
                  <Link to={`/cases/${c.id}`} className="case-link">
                    {c.caseNo}
                  </Link>
                  {c.reportCount > 1 && (
                    <span className="muted"> · {t('queue.reports', { n: c.reportCount })}</span>
                  )}
                  {c.readOnly && <span className="muted"> · {t('queue.readOnly')}</span>}
                  {c.highlight && (
                    <p className="highlight" data-testid="highlight">
                      <Highlight text={c.highlight} />
                    </p>
                  )}
                </td>
                <td>
                  <StateTag state={c.state} />
                </td>
                <td>{categories[c.categoryCode] ?? c.categoryCode}</td>
                <td>
                  <PriorityTag priority={c.priority} />
                </td>
                <td>{departmentName(c.department, i18n.language)}</td>
                <td>
                  {c.assigneeId === null
                    ? t('queue.unassigned')
                    : c.assigneeId === me?.id
                      ? t('queue.me')
                      : t('queue.someoneElse')}
                </td>
                <td>
                  {c.nextDueAt ? (
                    <span className={c.overdue ? 'overdue' : undefined}>
                      {c.overdue && <strong>{t('deadline.overdue')} </strong>}
                      {dateTime(c.nextDueAt, i18n.language)}
                      {c.nextStage && (
                        <span className="muted"> · {t(`stage.${c.nextStage}`, c.nextStage)}</span>
                      )}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{dateTime(c.openedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error && <p className="empty">{t('queue.empty')}</p>}
      <div className="load-more" aria-live="polite">
        {loading && <span>{t('common:loading')}…</span>}
        {!loading && cursor && <Button onClick={() => void loadMore()}>{t('queue.loadMore')}</Button>}
        {!loading && !cursor && items.length > 0 && (
          <span className="muted">{t('queue.end', { n: items.length })}</span>
        )}
      </div>
    </>
  );
}
