import { Button } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import { useCategories, useLoad } from '../hooks.js';
import { CueInput } from './CueInput.js';
import { listOrder, listProblem } from './lists.js';

/** The editable lists behind target recognition and clustering, each explained; supervisors change them. */
export function TargetLists() {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad<Record<string, string[]>>('/targets/lists');
  const [saved, setSaved] = useState<string>();
  const categoryNames = useCategories();
  const categories = Object.keys(categoryNames);
  const names = listOrder(Object.keys(data ?? {}));
  const platforms = names.filter((n) => n.startsWith('platform:')).map((n) => n.slice(9));
  return (
    <>
      <p>{t('lists.intro')}</p>
      <div role="status" className="status-line">
        {saved}
      </div>
      <FormError message={error?.message} />
      {names.map((name) => (
        <ListPanel
          key={name}
          name={name}
          values={data?.[name] ?? []}
          known={{ categories, platforms }}
          categoryNames={categoryNames}
          onSaved={async (title) => {
            await reload();
            setSaved(t('lists.saved', { list: title }));
          }}
        />
      ))}
    </>
  );
}

function ListPanel({
  name,
  values,
  known,
  categoryNames,
  onSaved,
}: {
  name: string;
  values: string[];
  known: { categories: string[]; platforms: string[] };
  categoryNames: Record<string, string>;
  onSaved(title: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [draft, setDraft] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const slug = name.replace(/[^a-z0-9_-]/gi, '-');
  const platform = name.startsWith('platform:') ? name.slice(9) : undefined;
  const title = platform
    ? t('lists.platformTitle', { platform: t(`lists.platform.${platform}`, platform) })
    : t(`lists.name.${name}`, name);
  const explanation = platform
    ? t('lists.explain.platform', { platform: t(`lists.platform.${platform}`, platform) })
    : t(`lists.explain.${name}`, t('lists.explain.other'));

  const close = () => {
    setDraft(undefined);
    setError(undefined);
    setFormError(undefined);
    requestAnimationFrame(() => document.getElementById(`list-edit-${slug}`)?.focus());
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const problem = listProblem(name, draft, known);
    if (problem) {
      setError(t(problem.key, problem.params));
      return;
    }
    try {
      await staffApi(`/targets/lists/${encodeURIComponent(name)}`, {
        method: 'PUT',
        body: { values: draft },
      });
      close();
      await onSaved(title);
    } catch (err) {
      // The server names a bad entry by its index (`values.3`): say which one.
      const [path, message] = Object.entries(fieldErrors(err))[0] ?? [];
      const index = path?.startsWith('values.') ? Number(path.slice(7)) : Number.NaN;
      setError(
        Number.isInteger(index) && index < draft.length
          ? t('lists.error.entry', { n: index + 1, value: draft[index], message })
          : message,
      );
      setFormError(errorMessage(err));
    }
  };

  return (
    <section className="panel" aria-labelledby={`list-${slug}`} data-testid="target-list" data-list={name}>
      <h2 id={`list-${slug}`}>
        {title} <span className="muted list-count">{t('lists.count', { n: values.length })}</span>
      </h2>
      <p>{explanation}</p>
      {draft ? (
        <form onSubmit={submit} noValidate aria-labelledby={`list-${slug}`}>
          <FormError message={formError} />
          <Field
            id={`list-input-${slug}`}
            label={t('lists.values')}
            hint={platform ? t('lists.format.platform') : t(`lists.format.${name}`, t('lists.format.other'))}
            error={error}
          >
            {(c) => <CueInput control={c} name={title} values={draft} onChange={setDraft} />}
          </Field>
          <div className="button-row">
            <Button type="primary" htmlType="submit">
              {t('lists.save')}
            </Button>
            <Button onClick={close}>{t('form.cancel')}</Button>
          </div>
        </form>
      ) : (
        <>
          {values.length === 0 ? (
            <p className="muted">{t('lists.emptyList')}</p>
          ) : (
            <ul className="cue-chips" aria-label={title}>
              {values.map((v) => (
                <li key={v} className="cue-chip">
                  {v}
                  {name === 'category_compat' && (
                    <span className="muted">
                      {' '}
                      (
                      {v
                        .split('|')
                        .map((c) => categoryNames[c] ?? c)
                        .join(' ↔ ')}
                      )
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {can('case.assign') && (
            <Button
              id={`list-edit-${slug}`}
              onClick={() => {
                setDraft(values);
                requestAnimationFrame(() => document.getElementById(`list-input-${slug}`)?.focus());
              }}
            >
              {t('lists.edit')}
              <span className="visually-hidden"> {title}</span>
            </Button>
          )}
        </>
      )}
    </section>
  );
}
