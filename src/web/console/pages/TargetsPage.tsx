import { Button, Input } from 'antd';
import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../shared/Field.js';
import { query } from '../api.js';
import { useAuth } from '../auth.js';
import { regionText } from '../components/region.js';
import { TARGET_STATUSES, TargetEditForm, TargetStatusTag } from '../components/TargetEditForm.js';
import { TargetLists } from '../components/TargetLists.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TTarget } from '../types.js';

export const TARGET_KINDS = ['url', 'domain', 'phone', 'account', 'app', 'payment'];
/** The registry rows loaded at once (the API's maximum); the search filters within them. */
const LIMIT = '200';

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

/** Does a row match the search text (in its key or normal form) and the status chosen? */
function matches(row: TTarget, q: string, status: string): boolean {
  const needle = q.trim().toLowerCase();
  if (status && row.status !== status) return false;
  return !needle || row.key.toLowerCase().includes(needle) || row.normalized.toLowerCase().includes(needle);
}

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
  const list = useLoad<{ items: TTarget[] }>(`/targets${query({ kind: applied.kind, limit: LIMIT })}`);
  // The API matches a whole key exactly: a full key finds a target beyond the newest rows too.
  const exactKey = applied.q.includes('|') ? applied.q.trim() : '';
  const exact = useLoad<{ items: TTarget[] }>(exactKey ? `/targets${query({ key: exactKey })}` : null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft follows the URL
  useEffect(() => setDraft(applied), [params]);

  const seen = new Set<string>();
  const rows = [...(exactKey ? (exact.data?.items ?? []) : []), ...(list.data?.items ?? [])].filter((r) => {
    if (seen.has(r.key)) return false;
    seen.add(r.key);
    return (
      (!applied.kind || r.kind === applied.kind) &&
      (exactKey === r.key || matches(r, applied.q, applied.status))
    );
  });

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
            {t('targets.filter.qHint', { n: Number(LIMIT) })}
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
      <FormError message={list.error?.message ?? exact.error?.message} />
      <div className="table-wrap">
        <table className="data-table target-table" aria-busy={list.loading}>
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
                    {r.caseIds.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="inline-list">
                        {r.caseIds.map((id) => (
                          <li key={id}>
                            <Link to={`/cases/${id}`}>{t('targets.caseLink', { id: id.slice(0, 8) })}</Link>
                          </li>
                        ))}
                      </ul>
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
                          await Promise.all([list.reload(), exact.reload()]);
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
      {!list.loading && rows.length === 0 && !list.error && <p className="empty">{t('targets.empty')}</p>}
      {!list.loading && rows.length > 0 && <p className="muted">{t('targets.shown', { n: rows.length })}</p>}
    </>
  );
}
