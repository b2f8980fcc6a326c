import { Button, Input } from 'antd';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup, FormError, type TControlProps } from '../../shared/Field.js';
import { errorMessage, fieldErrors } from '../api.js';
import { useAuth } from '../auth.js';
import { useDepartmentOptions } from '../departments.js';
import { useLoad } from '../hooks.js';
import type { TCaseDetail } from '../types.js';
import { ACTION_ORDER, ACTIONS, type TFieldSpec } from './actions.js';

/** Offers exactly the actions the server listed for this case and actor, each with its form. */
export function ActionPanel({ detail, onDone }: { detail: TCaseDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [active, setActive] = useState<string>();
  const [done, setDone] = useState<string>();
  const offered = ACTION_ORDER.filter((a) => detail.actions.includes(a) && ACTIONS[a]);

  // An action that is no longer offered (the state moved on) closes its form.
  useEffect(() => {
    if (active && !detail.actions.includes(active)) setActive(undefined);
  }, [detail.actions, active]);

  if (offered.length === 0) return <p className="muted">{t('action.none')}</p>;
  return (
    <div className="action-panel">
      <div className="status-line" role="status" aria-live="polite">
        {done && t('action.done', { action: t(`action.name.${done}`) })}
      </div>
      <ul className="action-list" data-testid="actions">
        {offered.map((a) => (
          <li key={a}>
            <Button
              type={ACTIONS[a]?.primary ? 'primary' : 'default'}
              danger={ACTIONS[a]?.danger}
              aria-expanded={active === a}
              aria-controls={active === a ? `action-form-${a}` : undefined}
              onClick={() => {
                setDone(undefined);
                setActive(active === a ? undefined : a);
              }}
              data-action={a}
            >
              {t(`action.name.${a}`)}
            </Button>
          </li>
        ))}
      </ul>
      {active && (
        <ActionForm
          key={active}
          name={active}
          detail={detail}
          onCancel={() => setActive(undefined)}
          onDone={async () => {
            setActive(undefined);
            setDone(active);
            await onDone();
          }}
        />
      )}
    </div>
  );
}

function ActionForm({
  name,
  detail,
  onCancel,
  onDone,
}: {
  name: string;
  detail: TCaseDetail;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const spec = ACTIONS[name];
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!spec) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    for (const f of spec.fields)
      if (f.required && !(values[f.name] ?? '').trim()) missing[f.name] = t('form.required');
    setErrors(missing);
    if (Object.keys(missing).length) {
      document.getElementById(`action-${name}-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setFormError(undefined);
    try {
      await spec.submit(detail.id, values);
      await onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      id={`action-form-${name}`}
      className="action-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`action-title-${name}`}
    >
      <h3 id={`action-title-${name}`} ref={heading} tabIndex={-1}>
        {t(`action.name.${name}`)}
      </h3>
      <p className="field-hint">{t(`action.hint.${name}`)}</p>
      <FormError message={formError} />
      {spec.fields.map((f) => (
        <ActionField
          key={f.name}
          id={`action-${name}-${f.name}`}
          spec={f}
          value={values[f.name] ?? ''}
          error={errors[f.name]}
          detail={detail}
          onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))}
        />
      ))}
      <div className="button-row">
        <Button type="primary" htmlType="submit" loading={busy} danger={spec.danger}>
          {t('action.confirm', { action: t(`action.name.${name}`) })}
        </Button>
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
      </div>
    </form>
  );
}

function ActionField({
  id,
  spec,
  value,
  error,
  detail,
  onChange,
}: {
  id: string;
  spec: TFieldSpec;
  value: string;
  error?: string;
  detail: TCaseDetail;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const label = t(`field.${spec.name}`);
  if (spec.kind === 'radio') {
    return (
      <FieldGroup id={id} legend={label} error={error} required={spec.required}>
        {spec.options?.map((o) => (
          <label key={o} className="radio">
            <input type="radio" name={id} value={o} checked={value === o} onChange={() => onChange(o)} />{' '}
            {t(`${spec.optionKey}.${o}`)}
          </label>
        ))}
      </FieldGroup>
    );
  }
  return (
    <Field
      id={id}
      label={label}
      error={error}
      required={spec.required}
      hint={spec.kind === 'assignee' ? t('action.assigneeHint') : undefined}
    >
      {(c) =>
        spec.kind === 'textarea' ? (
          <Input.TextArea
            {...c}
            rows={4}
            maxLength={spec.max}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : spec.kind === 'department' ? (
          <DepartmentSelect {...c} value={value} onChange={onChange} />
        ) : spec.kind === 'assignee' ? (
          <AssigneeSelect {...c} caseId={detail.id} value={value} onChange={onChange} />
        ) : (
          <Input
            {...c}
            type={spec.kind === 'number' ? 'number' : 'text'}
            maxLength={spec.max}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** The department tree (GET /departments) as a native select. */
function DepartmentSelect({
  value,
  onChange,
  ...control
}: TControlProps & { value: string; onChange: (v: string) => void }) {
  const { t, i18n } = useTranslation();
  const options = useDepartmentOptions(i18n.language);
  return (
    <select {...control} className="native-select" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('action.chooseDepartment')}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Who the case may be assigned to (GET /cases/:id/assignees), or nobody. */
function AssigneeSelect({
  caseId,
  value,
  onChange,
  ...control
}: TControlProps & { caseId: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { data } = useLoad<{ assignees: { id: string; displayName: string }[] }>(
    `/cases/${caseId}/assignees`,
  );
  return (
    <select {...control} className="native-select" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('action.unassign')}</option>
      {data?.assignees.map((a) => (
        <option key={a.id} value={a.id}>
          {a.id === me?.id ? t('action.assignMe', { name: a.displayName }) : a.displayName}
        </option>
      ))}
    </select>
  );
}
