import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { CueInput } from './CueInput.js';
import {
  fieldOfPath,
  PRIORITIES,
  RULE_LIMITS,
  RULE_WINDOW,
  ruleBody,
  type TRuleDraft,
  validateRule,
} from './rules.js';

interface RuleFormProps {
  /** The form's element id; fields' ids start with it. */
  id: string;
  initial: TRuleDraft;
  /** A new rule (its id is typed and must be free) or an existing one (its id is fixed). */
  isNew: boolean;
  takenIds: string[];
  /** Category names by code, in the UI language. */
  categories: Record<string, string>;
  onSaved(id: string): void;
  onCancel(): void;
}

/** Adds or changes one triage rule; every problem is shown by its field, and the first is focused. */
export function RuleForm({ id, initial, isNew, takenIds, categories, onSaved, onCancel }: RuleFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TRuleDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<TRuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const fid = (field: string) => `${id}-${field.replace('.', '-')}`;

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    setFormError(t('rules.error.summary', { n: Object.keys(found).length }));
    const first = Object.keys(found)[0];
    if (!first) return;
    requestAnimationFrame(() => {
      const el = document.getElementById(fid(first));
      const control = el?.matches('input, select') ? el : el?.querySelector<HTMLElement>('input, select');
      control?.focus();
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = validateRule(draft, isNew ? takenIds : []);
    if (Object.keys(problems).length > 0) {
      showErrors(
        Object.fromEntries(
          Object.entries(problems).map(([field, p]) => [field, t(`rules.error.${p.key}`, p.params ?? {})]),
        ),
      );
      return;
    }
    setBusy(true);
    try {
      const body = ruleBody(draft);
      await staffApi('/triage/rules', { method: 'PUT', body });
      onSaved(body.id);
    } catch (err) {
      const found: Record<string, string> = {};
      for (const [path, message] of Object.entries(fieldErrors(err))) found[fieldOfPath(path)] ??= message;
      setErrors(found);
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const targets =
    draft.kind === 'category'
      ? [...new Set([...Object.keys(categories), ...(draft.target ? [draft.target] : [])])]
      : PRIORITIES;
  const targetLabel = (code: string) =>
    draft.kind === 'category' ? (categories[code] ?? code) : t(`priority.${code}`, code);
  const text = (field: 'reasonZh' | 'reasonEn', lang: string) => (
    <Field
      id={fid(field)}
      label={t(`rules.field.${field}`)}
      hint={t(draft.kind === 'category' ? 'rules.hint.reasonCategory' : 'rules.hint.reason')}
      error={errors[field]}
      required={draft.kind === 'priority'}
    >
      {(c) => (
        <Input
          {...c}
          lang={lang}
          value={draft[field]}
          maxLength={RULE_LIMITS.reason + 50}
          onChange={(e) => set({ [field]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form id={id} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="inline-form-title">
        {isNew ? t('rules.newTitle') : t('rules.editTitle', { id: initial.id })}
      </h3>
      <FormError message={formError} />
      {isNew && (
        <Field
          id={fid('id')}
          label={t('rules.field.id')}
          hint={t('rules.hint.id')}
          error={errors.id}
          required
        >
          {(c) => (
            <Input
              {...c}
              value={draft.id}
              maxLength={RULE_LIMITS.id + 20}
              onChange={(e) => set({ id: e.target.value })}
            />
          )}
        </Field>
      )}
      <FieldGroup id={fid('kind')} legend={t('rules.field.kind')} error={errors.kind}>
        {(['category', 'priority'] as const).map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name={fid('kind')}
              value={k}
              checked={draft.kind === k}
              onChange={() =>
                set({ kind: k, target: k === 'priority' ? 'high' : (Object.keys(categories)[0] ?? '') })
              }
            />{' '}
            {t(`rules.kind.${k}`)}
          </label>
        ))}
      </FieldGroup>
      <Field id={fid('target')} label={t(`rules.field.target.${draft.kind}`)} error={errors.target} required>
        {(c) => (
          <select
            {...c}
            className="native-select"
            value={draft.target}
            onChange={(e) => set({ target: e.target.value })}
          >
            {targets.map((code) => (
              <option key={code} value={code}>
                {targetLabel(code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.kind === 'category' && (
        <Field
          id={fid('weight')}
          label={t('rules.field.weight')}
          hint={t('rules.hint.weight')}
          error={errors.weight}
          required
        >
          {(c) => (
            <input
              {...c}
              type="number"
              className="native-input"
              step="1"
              min={-RULE_LIMITS.weight}
              max={RULE_LIMITS.weight}
              value={draft.weight}
              onChange={(e) => set({ weight: e.target.value })}
            />
          )}
        </Field>
      )}
      <FieldGroup
        id={fid('allOf')}
        legend={t('rules.field.allOf')}
        hint={t(draft.kind === 'category' ? 'rules.hint.groupsCategory' : 'rules.hint.groupsPriority', {
          window: RULE_WINDOW,
        })}
        error={errors.allOf}
      >
        {draft.allOf.map((group, i) => {
          const name = t('rules.group', { n: i + 1 });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity but their place
            <div key={i} className="cue-group">
              <Field id={fid(`allOf.${i}`)} label={name} hint={t('cues.hint')} error={errors[`allOf.${i}`]}>
                {(c) => (
                  <CueInput
                    control={c}
                    name={name}
                    values={group}
                    onChange={(next) => set({ allOf: draft.allOf.map((g, j) => (j === i ? next : g)) })}
                  />
                )}
              </Field>
              {draft.allOf.length > 1 && (
                <Button size="small" onClick={() => set({ allOf: draft.allOf.filter((_, j) => j !== i) })}>
                  {t('rules.removeGroup', { n: i + 1 })}
                </Button>
              )}
            </div>
          );
        })}
        {draft.kind === 'priority' && draft.allOf.length < RULE_LIMITS.groups && (
          <Button onClick={() => set({ allOf: [...draft.allOf, []] })}>{t('rules.addGroup')}</Button>
        )}
      </FieldGroup>
      <Field
        id={fid('noneOf')}
        label={t('rules.field.noneOf')}
        hint={t('rules.hint.noneOf')}
        error={errors.noneOf}
      >
        {(c) => (
          <CueInput
            control={c}
            name={t('rules.field.noneOf')}
            values={draft.noneOf}
            onChange={(v) => set({ noneOf: v })}
          />
        )}
      </Field>
      {text('reasonZh', 'zh-CN')}
      {text('reasonEn', 'en')}
      <div className="field">
        <label className="check">
          <input
            id={fid('enabled')}
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />{' '}
          {t('rules.field.enabled')}
        </label>
      </div>
      <div className="button-row">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('rules.save')}
        </Button>
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
      </div>
    </form>
  );
}
