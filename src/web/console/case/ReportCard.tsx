import { useTranslation } from 'react-i18next';
import { dateTime } from '../format.js';
import { useCategories, useLoad } from '../hooks.js';
import type { TCaseReport, TEvidence } from '../types.js';
import { RevealPanel } from './RevealPanel.js';

/** A questionnaire answer as plain text. */
function answerText(value: unknown, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
}

/** One report of the case: everything the reporter wrote is rendered as text, never as HTML. */
export function ReportCard({ report }: { report: TCaseReport; caseId: string }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const titleId = `report-${report.id}`;
  return (
    <article className="report-card" aria-labelledby={titleId} data-testid="report-card">
      <h3 id={titleId}>{t('report.title', { reportNo: report.reportNo })}</h3>
      <dl className="facts">
        <div>
          <dt>{t('report.submittedAt')}</dt>
          <dd>{dateTime(report.submittedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('report.channel')}</dt>
          <dd>{t(`channel.${report.channel}`, report.channel)}</dd>
        </div>
        <div>
          <dt>{t('report.category')}</dt>
          <dd>{categories[report.categoryCode] ?? report.categoryCode}</dd>
        </div>
        {report.occurredAt && (
          <div>
            <dt>{t('report.occurredAt')}</dt>
            <dd>{dateTime(report.occurredAt, i18n.language)}</dd>
          </div>
        )}
        {report.regionCode && (
          <div>
            <dt>{t('report.region')}</dt>
            <dd>{report.regionCode}</dd>
          </div>
        )}
      </dl>
      <h4>{t('report.description')}</h4>
      <p className="user-text" data-testid="report-description">
        {report.description}
      </p>
      <h4>{t('report.targets')}</h4>
      {report.targets.length === 0 ? (
        <p className="muted">{t('report.noTargets')}</p>
      ) : (
        <ul className="targets">
          {report.targets.map((target) => (
            <li key={target}>
              <code>{target}</code>
            </li>
          ))}
        </ul>
      )}
      {Object.keys(report.answers).length > 0 && (
        <>
          <h4>{t('report.answers')}</h4>
          <dl className="answers">
            {Object.entries(report.answers).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="user-text">{answerText(v, t('common:yes'), t('common:no'))}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h4>{t('report.reporter')}</h4>
      {report.reporter ? (
        <>
          <RevealPanel reportId={report.id} masked={report.reporter} />
          {report.sameReporterToday > 1 && (
            <p className="same-reporter">
              {t('report.sameReporterToday', { count: report.sameReporterToday })}
            </p>
          )}
        </>
      ) : (
        <p>{t('report.anonymous')}</p>
      )}
      {report.supplements.length > 0 && (
        <>
          <h4>{t('report.supplements')}</h4>
          <ul className="supplements">
            {report.supplements.map((x) => (
              <li key={x.at}>
                <time dateTime={x.at}>{dateTime(x.at, i18n.language)}</time>
                {x.details && <p>{x.details}</p>}
                {x.answers &&
                  Object.entries(x.answers).map(([k, v]) => (
                    <p key={k}>
                      {k}: {answerText(v, t('common:yes'), t('common:no'))}
                    </p>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <Evidence reportId={report.id} />
    </article>
  );
}

function Evidence({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const { data, error } = useLoad<{ items: TEvidence[] }>(`/staff/reports/${reportId}/evidence`);
  return (
    <>
      <h4>{t('evidence.title')}</h4>
      {error && <p className="form-error">{error.message}</p>}
      {data && data.items.length === 0 && <p className="muted">{t('evidence.none')}</p>}
      {data && data.items.length > 0 && (
        <ul className="evidence" data-testid="evidence">
          {data.items.map((e, i) => {
            const url = `/api/v1/staff/evidence/${e.id}`;
            const label = t('evidence.item', { n: i + 1, kind: t(`evidence.kind.${e.kind}`, e.kind) });
            const size = `${Math.max(1, Math.round(e.storedBytes / 1024))} KB`;
            return (
              <li key={e.id}>
                {e.mime.startsWith('image/') ? (
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    <img src={url} alt={label} loading="lazy" className="thumb" />
                    <span className="evidence-caption">
                      {label} · {size}
                      <span className="visually-hidden"> {t('evidence.opensNew')}</span>
                    </span>
                  </a>
                ) : (
                  <a href={url} download>
                    {t('evidence.download', { label })} · {e.mime} · {size}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
