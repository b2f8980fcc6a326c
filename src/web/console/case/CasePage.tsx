import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormError } from '../../shared/Field.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TCaseDetail } from '../types.js';
import { ActionPanel } from './ActionPanel.js';
import { CaseHeader } from './CaseHeader.js';
import { ReportCard } from './ReportCard.js';
import { Timeline } from './Timeline.js';

/** The case page: header, reports (targets, masked reporter, evidence), timeline, and the action panel. */
export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useLoad<TCaseDetail>(`/cases/${encodeURIComponent(id)}`);
  useTitle(data?.caseNo ?? t('case.title'));

  if (error && !data) {
    return (
      <>
        <h1>{t('case.title')}</h1>
        <FormError message={error.message} />
        <p>
          <Link to="/cases">{t('case.backToQueue')}</Link>
        </p>
      </>
    );
  }
  if (!data) return <p role="status">{t('common:loading')}…</p>;

  return (
    <div className="case-page">
      <p className="back">
        <Link to="/cases">{t('case.backToQueue')}</Link>
      </p>
      <CaseHeader detail={data} />
      <div className="case-grid">
        <div className="case-main">
          <section aria-labelledby="reports-title">
            <h2 id="reports-title">{t('case.reports', { n: data.reports.length })}</h2>
            {data.reports.map((r) => (
              <ReportCard key={r.id} report={r} caseId={data.id} />
            ))}
          </section>
          <Timeline detail={data} />
        </div>
        <aside className="case-side" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('case.actions')}</h2>
          {data.readOnly && <p className="notice">{t('case.readOnly')}</p>}
          <ActionPanel detail={data} onDone={reload} />
          <Button className="refresh" onClick={() => void reload()}>
            {t('case.refresh')}
          </Button>
        </aside>
      </div>
    </div>
  );
}
