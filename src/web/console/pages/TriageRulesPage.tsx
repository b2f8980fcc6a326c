import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../shared/Field.js';
import { useAuth } from '../auth.js';
import { RuleForm } from '../components/RuleForm.js';
import { draftOf, NEW_RULE, RULE_WINDOW, ruleMeaning } from '../components/rules.js';
import { useCategories, useLoad, useTitle } from '../hooks.js';
import type { TTriageRule } from '../types.js';

interface TRulesResponse {
  rules: TTriageRule[];
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
/** An element id from a rule id (rule ids may hold dots and other characters). */
const slug = (id: string) => id.replace(/[^a-z0-9_-]/gi, '-');

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
    setSaved(t('rules.saved', { id }));
    await reload();
    focusSoon(`rule-edit-${slug(id)}`);
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
      <FormError message={error?.message} />
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
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function RuleView({
  rule,
  categories,
  onEdit,
}: {
  rule: TTriageRule;
  categories: Record<string, string>;
  onEdit: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const target =
    rule.kind === 'category'
      ? (categories[rule.target] ?? rule.target)
      : t(`priority.${rule.target}`, rule.target);
  const reason = i18n.language === 'en' ? rule.reasonEn : rule.reasonZh;
  return (
    <>
      <h2 className="rule-title">
        <code>{rule.id}</code> <span className="state-tag">{t(`rules.kind.${rule.kind}`)}</span>{' '}
        <span className={`state-tag ${rule.enabled ? 'rule-on' : 'rule-off'}`} data-testid="rule-enabled">
          {rule.enabled ? t('rules.enabled') : t('rules.disabled')}
        </span>
      </h2>
      <p data-testid="rule-meaning">
        {ruleMeaning(rule)
          .map((p) => t(`rules.meaning.${p.key}`, { ...p.params, target }))
          .join(' ')}
      </p>
      <dl className="rule-facts">
        {rule.allOf.map((group, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity but their place
          <div key={i}>
            <dt>{t('rules.group', { n: i + 1 })}</dt>
            <dd>
              <CueList cues={group} />
            </dd>
          </div>
        ))}
        {rule.noneOf.length > 0 && (
          <div>
            <dt>{t('rules.field.noneOf')}</dt>
            <dd>
              <CueList cues={rule.noneOf} />
            </dd>
          </div>
        )}
        {rule.kind === 'category' && (
          <div>
            <dt>{t('rules.field.weight')}</dt>
            <dd>{rule.weight}</dd>
          </div>
        )}
        <div>
          <dt>{t('rules.field.reason')}</dt>
          <dd>{reason || <span className="muted">{t('rules.noReason')}</span>}</dd>
        </div>
      </dl>
      {onEdit && (
        <Button id={`rule-edit-${slug(rule.id)}`} onClick={onEdit}>
          {t('rules.edit')}
          <span className="visually-hidden"> {rule.id}</span>
        </Button>
      )}
    </>
  );
}

function CueList({ cues }: { cues: string[] }) {
  return (
    <ul className="cue-chips">
      {cues.map((c) => (
        <li key={c} className="cue-chip">
          {c}
        </li>
      ))}
    </ul>
  );
}
