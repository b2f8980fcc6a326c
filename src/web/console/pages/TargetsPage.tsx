import { Button, Input } from 'antd';
import { type FormEvent, Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../shared/Field.js';
import { errorMessage, query, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import { regionText } from '../components/region.js';
import { TARGET_STATUSES, TargetEditForm, TargetStatusTag } from '../components/TargetEditForm.js';
import { TargetLists } from '../components/TargetLists.js';
import { dateTime } from '../format.js';
import { usePagedList, useTitle } from '../hooks.js';
import type { TTarget, TTargetPage } from '../types.js';

export const TARGET_KINDS = ['url', 'domain', 'phone', 'account', 'app', 'payment'];

/** The target registry and the lists behind target recognition, as two tabs. */
export default function TargetsPage({ tab }: { tab: 'registry' | 'lists' }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  useTitle(`${t(`targets.tab.${tab}`)} · ${t('targets.title')}`);
  return (
    <>
      <h1>{t('targets.title')}</h1>
      <nav aria-label={t('targets.tabs')} className="queue-tabs">
        <Link to="/targets" aria-current={tab === 'registry' ? 'page' : undefined}>
          {t('targets.tab.registry')}
        </Link>
        <Link to="/targets/lists" aria-current={tab === 'lists' ? 'page' : undefined}>
          {t('targets.tab.lists')}
        </Link>
      </nav>
      {!can('case.assign') && <p className="notice">{t('targets.readOnly')}</p>}
      {tab === 'registry' ? <Registry /> : <TargetLists />}
    </>
  );
}

/** Registry rows per page (newest first); "load more" fetches the next page from the server. */
const LIMIT = '50';
const targetPage = (page: TTargetPage) => ({ items: page.items, next: page.next });

function Registry() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const canEdit = can('case.assign');
  const [params, setParams] = useSearchParams();
  const applied = {
    kind: params.get('kind') ?? '',
    q: params.get('q') ?? '',
    status: params.get('status') ?? '',
  };
  const [draft, setDraft] = useState(applied);
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const search = params.toString();
  const path = useCallback(
    (before?: string) => {
      const p = new URLSearchParams(search);
      return `/targets${query({ q: p.get('q'), kind: p.get('kind'), status: p.get('status'), before, limit: LIMIT })}`;
    },
    [search],
  );

  const {
    items: rows,
    setItems: setRows,
    next,
    loading,
    error,
    setError,
    loadMore,
  } = usePagedList<TTargetPage, TTarget>(path, targetPage);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft follows the URL
  useEffect(() => setDraft(applied), [params]);

  /** Reads one target again (by its key: an exact search) and puts it in its place. */
  const refresh = async (key: string) => {
    try {
      const page = await staffApi<TTargetPage>(`/targets${query({ q: key, limit: '1' })}`);
      const fresh = page.items.find((r) => r.key === key);
      if (fresh) setRows((prev) => prev.map((r) => (r.key === key ? fresh : r)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  };
  const focusChange = (index: number) =>
    requestAnimationFrame(() => document.getElementById(`target-change-${index}`)?.focus());
  const columns = canEdit ? 9 : 8;

  return (
    <>
      <form className="filters" onSubmit={apply} aria-label={t('targets.filtersLabel')}>
        <div className="filter filter-q">
          <label htmlFor="target-q">{t('targets.filter.q')}</label>
          <Input
            id="target-q"
            value={draft.q}
            onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
            maxLength={500}
            allowClear
            aria-describedby="target-q-hint"
          />
          <span id="target-q-hint" className="filter-hint">
            {t('targets.filter.qHint')}
          </span>
        </div>
        <div className="filter">
          <label htmlFor="target-kind">{t('targets.filter.kind')}</label>
          <select
            id="target-kind"
            className="native-select"
            value={draft.kind}
            onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value }))}
          >
            <option value="">{t('queue.filter.any')}</option>
            {TARGET_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`targets.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="target-status">{t('targets.filter.status')}</label>
          <select
            id="target-status"
            className="native-select"
            value={draft.status}
            onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value }))}
          >
            <option value="">{t('queue.filter.any')}</option>
            {TARGET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`targets.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter filter-buttons">
          <Button type="primary" htmlType="submit">
            {t('queue.apply')}
          </Button>
          <Button onClick={() => setParams(new URLSearchParams())}>{t('queue.reset')}</Button>
        </div>
      </form>
      <div role="status" className="status-line">
        {saved}
      </div>
      <FormError message={error} />
      <div className="table-wrap">
        <table className="data-table target-table" aria-busy={loading}>
          <caption className="visually-hidden">{t('targets.tab.registry')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('targets.col.target')}</th>
              <th scope="col">{t('targets.col.kind')}</th>
              <th scope="col">{t('targets.col.status')}</th>
              <th scope="col">{t('targets.col.location')}</th>
              <th scope="col">{t('targets.col.reports')}</th>
              <th scope="col">{t('targets.col.cases')}</th>
              <th scope="col">{t('targets.col.firstSeen')}</th>
              <th scope="col">{t('targets.col.lastSeen')}</th>
              {canEdit && <th scope="col">{t('targets.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <Fragment key={r.key}>
                <tr data-testid="target-row" data-key={r.key}>
                  <td>
                    <code className="target-value">{r.normalized}</code>
                  </td>
                  <td>{t(`targets.kind.${r.kind}`, r.kind)}</td>
                  <td>
                    <TargetStatusTag status={r.status} />
                  </td>
                  <td data-testid="target-location">{regionText(r.regionCode, i18n.language)}</td>
                  <td>{r.reportCount}</td>
                  <td>
                    {r.cases.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="inline-list">
                        {r.cases.map((c) => (
                          <li key={c.id}>
                            <Link to={`/cases/${c.id}`}>{c.caseNo}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                    {r.caseCount > r.cases.length && (
                      <span className="muted" data-testid="target-cases-hidden">
                        {' '}
                        {t('targets.casesHidden', { n: r.caseCount - r.cases.length })}
                      </span>
                    )}
                  </td>
                  <td>{dateTime(r.firstSeen, i18n.language)}</td>
                  <td>{dateTime(r.lastSeen, i18n.language)}</td>
                  {canEdit && (
                    <td>
                      <Button
                        id={`target-change-${i}`}
                        size="small"
                        aria-expanded={editing === r.key}
                        aria-controls={editing === r.key ? `target-edit-${i}` : undefined}
                        onClick={() => setEditing(editing === r.key ? undefined : r.key)}
                      >
                        {t('targets.change')}
                        <span className="visually-hidden"> {r.normalized}</span>
                      </Button>
                    </td>
                  )}
                </tr>
                {canEdit && editing === r.key && (
                  <tr className="edit-row">
                    <td colSpan={columns}>
                      <TargetEditForm
                        id={`target-edit-${i}`}
                        target={r}
                        onCancel={() => {
                          setEditing(undefined);
                          focusChange(i);
                        }}
                        onSaved={async () => {
                          setEditing(undefined);
                          setSaved(t('targets.saved', { target: r.normalized }));
                          await refresh(r.key);
                          focusChange(i);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && rows.length === 0 && !error && <p className="empty">{t('targets.empty')}</p>}
      <div className="load-more" aria-live="polite">
        {loading && <span>{t('common:loading')}…</span>}
        {!loading && next && (
          <>
            <span className="muted">{t('targets.shown', { n: rows.length })}</span>{' '}
            <Button onClick={() => void loadMore()}>{t('targets.loadMore')}</Button>
          </>
        )}
        {!loading && !next && rows.length > 0 && (
          <span className="muted">{t('targets.end', { n: rows.length })}</span>
        )}
      </div>
    </>
  );
}
