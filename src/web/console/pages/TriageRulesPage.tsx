import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../shared/Field.js';
import { errorMessage, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import { RuleForm } from '../components/RuleForm.js';
import { RuleView, ruleSlug } from '../components/RuleView.js';
import { draftOf, NEW_RULE, RULE_WINDOW } from '../components/rules.js';
import { useCategories, useLoad, useTitle } from '../hooks.js';
import type { TTriageRuleView } from '../types.js';

interface TRulesResponse {
  rules: TTriageRuleView[];
  routing: { routed: number; overridden: number };
}

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
/** Focuses a form's first control (the chosen radio of a group) once it is shown. */
const focusForm = (formId: string) =>
  requestAnimationFrame(() => {
    const first = document.getElementById(formId)?.querySelector<HTMLInputElement>('input, select');
    const checked =
      first?.type === 'radio'
        ? document.querySelector<HTMLInputElement>(`input[name="${first.name}"]:checked`)
        : null;
    (checked ?? first)?.focus();
  });
const slug = ruleSlug;

/** The triage rules in plain words; supervisors add, change, enable and disable them. */
export default function TriageRulesPage() {
  const { t } = useTranslation();
  useTitle(t('rules.title'));
  const { can } = useAuth();
  const canEdit = can('case.assign');
  const categories = useCategories();
  const { data, error, reload } = useLoad<TRulesResponse>('/triage/rules');
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();

  const needle = q.trim().toLowerCase();
  const rules = (data?.rules ?? []).filter(
    (r) =>
      (!kind || r.kind === kind) &&
      (!needle ||
        r.id.toLowerCase().includes(needle) ||
        [...r.allOf.flat(), ...r.noneOf].some((c) => c.toLowerCase().includes(needle))),
  );
  const takenIds = (data?.rules ?? []).map((r) => r.id);
  const afterSave = async (id: string) => {
    setEditing(undefined);
    setAdding(false);
    // The list is read again before the message, so what the message says is already on screen.
    await reload();
    setSaved(t('rules.saved', { id }));
    focusSoon(`rule-edit-${slug(id)}`);
  };
  const remove = async (id: string) => {
    setDeleteError(undefined);
    try {
      await staffApi(`/triage/rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
    } catch (err) {
      setDeleteError(errorMessage(err));
      return;
    }
    setEditing(undefined);
    await reload();
    setSaved(t('rules.deleted', { id }));
    focusSoon(adding ? 'rules-q' : 'rule-new');
  };

  return (
    <>
      <h1>{t('rules.title')}</h1>
      <section className="panel" aria-labelledby="rules-how">
        <h2 id="rules-how">{t('rules.how.title')}</h2>
        <ul>
          <li>{t('rules.how.category')}</li>
          <li>{t('rules.how.priority', { window: RULE_WINDOW })}</li>
          <li>{t('rules.how.matching')}</li>
          <li>{t('rules.how.computed')}</li>
        </ul>
        {data && (
          <p className="muted" data-testid="routing">
            {t('rules.routing', { routed: data.routing.routed, overridden: data.routing.overridden })}
          </p>
        )}
      </section>
      {!canEdit && <p className="notice">{t('rules.readOnly')}</p>}
      <div role="status" className="status-line">
        {saved}
      </div>
      <FormError message={error?.message ?? deleteError} />
      <form className="filters" aria-label={t('rules.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter filter-q">
          <label htmlFor="rules-q">{t('rules.filter.q')}</label>
          <Input id="rules-q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} allowClear />
        </div>
        <div className="filter">
          <label htmlFor="rules-kind">{t('rules.field.kind')}</label>
          <select
            id="rules-kind"
            className="native-select"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          >
            <option value="">{t('queue.filter.any')}</option>
            <option value="category">{t('rules.kind.category')}</option>
            <option value="priority">{t('rules.kind.priority')}</option>
          </select>
        </div>
        {canEdit && !adding && (
          <div className="filter filter-buttons">
            <Button
              id="rule-new"
              type="primary"
              onClick={() => {
                setAdding(true);
                setEditing(undefined);
                focusForm('rule-form-new');
              }}
            >
              {t('rules.new')}
            </Button>
          </div>
        )}
      </form>
      {canEdit && adding && (
        <div className="panel">
          <RuleForm
            id="rule-form-new"
            initial={NEW_RULE}
            isNew
            takenIds={takenIds}
            categories={categories}
            onSaved={(id) => void afterSave(id)}
            onCancel={() => {
              setAdding(false);
              focusSoon('rule-new');
            }}
          />
        </div>
      )}
      <p className="muted" aria-live="polite">
        {t('rules.shown', { n: rules.length, total: data?.rules.length ?? 0 })}
      </p>
      <ul className="card-list">
        {rules.map((r) => (
          <li key={r.id} className="panel rule" data-testid="rule" data-rule={r.id}>
            {canEdit && editing === r.id ? (
              <RuleForm
                id={`rule-form-${slug(r.id)}`}
                initial={draftOf(r)}
                isNew={false}
                takenIds={takenIds}
                categories={categories}
                onSaved={(id) => void afterSave(id)}
                onCancel={() => {
                  setEditing(undefined);
                  focusSoon(`rule-edit-${slug(r.id)}`);
                }}
              />
            ) : (
              <RuleView
                rule={r}
                categories={categories}
                onEdit={
                  canEdit
                    ? () => {
                        setEditing(r.id);
                        setAdding(false);
                        focusForm(`rule-form-${slug(r.id)}`);
                      }
                    : undefined
                }
                onDelete={canEdit ? () => remove(r.id) : undefined}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
