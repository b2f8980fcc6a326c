import { Button, Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionLabel } from '../../../shared/regions.js';
import type { TPickedFile } from '../../components/FilePicker.js';
import type { TCategory } from '../../data.js';
import type { TDraft } from './draft.js';

interface Props {
  draft: TDraft;
  category: TCategory | undefined;
  files: TPickedFile[];
  errors: Record<string, string>;
  update: (patch: Partial<TDraft>) => void;
  goTo: (step: number) => void;
}

function answerText(
  value: unknown,
  t: (k: string) => string,
  options?: { value: string; label: string }[],
): string {
  const label = (v: unknown) => options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  return label(value);
}

/** Step 5: everything once more, the truthfulness pledge, and submit (the button lives in the page). */
export function StepReview({ draft, category, files, errors, update, goTo }: Props) {
  const { t, i18n } = useTranslation();
  const region = draft.city || draft.province;
  const targets = draft.targets.filter((x) => x.value.trim());
  const answered = category?.questionnaire.filter((q) => {
    const v = draft.answers[q.key];
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  const row = (label: string, value: string, step: number, key?: string) => (
    <div className="review-row" key={key}>
      <dt>{label}</dt>
      <dd>
        <span className="review-value">{value || t('report.review.none')}</span>
        <Button
          type="link"
          size="small"
          onClick={() => goTo(step)}
          aria-label={t('report.review.editThis', { what: label })}
        >
          {t('report.review.edit')}
        </Button>
      </dd>
    </div>
  );
  return (
    <>
      <dl className="review">
        {row(t('report.review.category'), category?.name ?? draft.category, 0)}
        {row(t('report.details.description'), draft.description, 1)}
        {row(
          t('report.details.when'),
          draft.occurredAt ? new Date(draft.occurredAt).toLocaleString(i18n.language) : '',
          1,
        )}
        {row(t('report.details.where'), region ? regionLabel(region, i18n.language) : '', 1)}
        {row(
          t('report.details.targets'),
          targets.map((x) => `${t(`report.details.targetTypes.${x.type}`)}: ${x.value}`).join('\n'),
          1,
        )}
        {answered?.map((q) => row(q.label, answerText(draft.answers[q.key], t, q.options), 1, q.key))}
        {row(t('report.review.evidence'), files.map((f) => f.file.name).join('\n'), 2)}
        {row(
          t('report.review.identity'),
          draft.anonymous ? t('report.identity.anonymous') : t('report.identity.named'),
          3,
        )}
      </dl>
      <div className={`field pledge${errors.truthfulnessPledge ? ' field-has-error' : ''}`}>
        <Checkbox
          id="pledge"
          checked={draft.pledge}
          aria-describedby={errors.truthfulnessPledge ? 'pledge-error' : undefined}
          aria-invalid={errors.truthfulnessPledge ? true : undefined}
          onChange={(e) => update({ pledge: e.target.checked })}
        >
          {t('report.review.pledge')}
        </Checkbox>
        {errors.truthfulnessPledge && (
          <div id="pledge-error" className="field-error">
            {errors.truthfulnessPledge}
          </div>
        )}
      </div>
    </>
  );
}
