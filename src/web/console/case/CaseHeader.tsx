import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityTag, StateTag } from '../components/StateTag.js';
import { dateTime, departmentName, duration } from '../format.js';
import { useCategories, useLoad } from '../hooks.js';
import type { TCaseDetail, TDeadline } from '../types.js';

/** Number, state, category, priority, department, assignee and the running deadlines. */
export function CaseHeader({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  return (
    <header className="case-header">
      <h1>
        <span className="visually-hidden">{t('case.title')} </span>
        <span data-testid="case-no">{detail.caseNo}</span> <StateTag state={detail.state} />
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('case.state')}</dt>
          <dd data-testid="case-state">
            {t(`state.${detail.state}`)}
            {detail.outcome && ` · ${t(`outcome.${detail.outcome}`)}`}
          </dd>
        </div>
        <div>
          <dt>{t('case.category')}</dt>
          <dd>{categories[detail.categoryCode] ?? detail.categoryCode}</dd>
        </div>
        <div>
          <dt>{t('case.priority')}</dt>
          <dd>
            <PriorityTag priority={detail.priority} />
          </dd>
        </div>
        <div>
          <dt>{t('case.department')}</dt>
          <dd>{departmentName(detail.department, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('case.assignee')}</dt>
          <dd data-testid="case-assignee">{detail.assignee?.displayName || t('queue.unassigned')}</dd>
        </div>
        <Deadlines caseId={detail.id} state={detail.state} />
      </dl>
    </header>
  );
}

/** The deadlines slot: GET /cases/:id/deadlines (the SLA module); nothing when it answers with an error. */
function Deadlines({ caseId, state }: { caseId: string; state: string }) {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useLoad<{ deadlines: TDeadline[] }>(`/cases/${caseId}/deadlines`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new state moves the clocks
  useEffect(() => {
    void reload();
  }, [state]);
  if (error || !data) return null;
  const shown = data.deadlines.filter((d) => d.status === 'running' || d.status === 'paused');
  return (
    <div className="deadlines">
      <dt>{t('deadline.title')}</dt>
      <dd>
        {shown.length === 0 ? (
          t('deadline.none')
        ) : (
          <ul data-testid="deadlines">
            {shown.map((d) => {
              const left = d.msLeft === null ? null : duration(d.msLeft);
              return (
                <li key={d.id} className={d.overdue ? 'overdue' : undefined}>
                  <strong>{t(`stage.${d.stage}`, d.stage)}</strong>
                  {': '}
                  {d.status === 'paused' ? t('deadline.paused') : dateTime(d.dueAt, i18n.language)}
                  {left && d.status === 'running' && (
                    <span>
                      {' · '}
                      {d.overdue ? t('deadline.overdueBy', left) : t('deadline.left', left)}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </dd>
    </div>
  );
}
