import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../shared/Field.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';

const ComplianceChart = lazy(() => import('../components/ComplianceChart.js'));

interface TDue {
  caseId: string;
  caseNo: string;
  stage: string;
  dueAt: string;
  state: string;
}
interface TCompliance {
  total: number;
  onTime: number;
  share: number | null;
  rows: {
    departmentCode: string;
    categoryCode: string;
    total: number;
    onTime: number;
    share: number | null;
  }[];
}
interface TDashboard {
  overdue: TDue[];
  dueSoon: TDue[];
  unreadNotifications: number;
  supervisor: {
    thisMonth: TCompliance;
    lastMonth: TCompliance;
    supervisionItems: { id: string; caseId: string; caseNo: string; stage: string; state: string }[];
  } | null;
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** The console home: my overdue and due-soon cases; for supervisors, deadline compliance (chart loaded lazily). */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('dashboard.title'));
  const { data, error } = useLoad<TDashboard>('/dashboard');

  const list = (items: TDue[], empty: string) =>
    items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="due-list">
        {items.map((d) => (
          <li key={`${d.caseId}-${d.stage}`}>
            <Link to={`/cases/${d.caseId}`}>{d.caseNo}</Link> · {t(`stage.${d.stage}`, d.stage)} ·{' '}
            {dateTime(d.dueAt, i18n.language)}
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <FormError message={error?.message} />
      {data && (
        <div className="dashboard-grid">
          <section aria-labelledby="overdue-title" className="panel">
            <h2 id="overdue-title">{t('dashboard.overdue', { n: data.overdue.length })}</h2>
            {list(data.overdue, t('dashboard.noneOverdue'))}
          </section>
          <section aria-labelledby="due-soon-title" className="panel">
            <h2 id="due-soon-title">{t('dashboard.dueSoon', { n: data.dueSoon.length })}</h2>
            {list(data.dueSoon, t('dashboard.noneDueSoon'))}
          </section>
          {data.supervisor && (
            <section aria-labelledby="compliance-title" className="panel panel-wide">
              <h2 id="compliance-title">{t('dashboard.compliance')}</h2>
              <p>
                {t('dashboard.thisMonth', {
                  share: percent(data.supervisor.thisMonth.share),
                  onTime: data.supervisor.thisMonth.onTime,
                  total: data.supervisor.thisMonth.total,
                })}
                <br />
                {t('dashboard.lastMonth', {
                  share: percent(data.supervisor.lastMonth.share),
                  onTime: data.supervisor.lastMonth.onTime,
                  total: data.supervisor.lastMonth.total,
                })}
              </p>
              {data.supervisor.thisMonth.rows.length > 0 && (
                <Suspense fallback={<p role="status">{t('common:loading')}…</p>}>
                  <ComplianceChart rows={data.supervisor.thisMonth.rows} label={t('dashboard.chartLabel')} />
                </Suspense>
              )}
              <h3>{t('dashboard.supervision', { n: data.supervisor.supervisionItems.length })}</h3>
              <ul className="due-list">
                {data.supervisor.supervisionItems.map((s) => (
                  <li key={s.id}>
                    <Link to={`/cases/${s.caseId}`}>{s.caseNo}</Link> · {t(`stage.${s.stage}`, s.stage)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </>
  );
}
