import { Alert, Button, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, upload } from '../../../shared/api.js';
import { createProofOfWork } from '../../../shared/pow.js';
import { FilePicker, spreadProgress, type TPickedFile } from '../../components/FilePicker.js';
import { useCategories, usePublicConfig } from '../../data.js';
import { clearDraft, loadDraft, reportBody, saveDraft, stepOfPath, type TDraft } from './draft.js';
import { missingAnswers } from './Questionnaire.js';
import { StepCategory } from './StepCategory.js';
import { StepDetails } from './StepDetails.js';
import { StepIdentity } from './StepIdentity.js';
import { StepReview } from './StepReview.js';

export interface TReceipt {
  reportNo: string;
  receiptCode: string;
  caseNo: string;
  status: string;
}

const STEPS = ['category', 'details', 'evidence', 'identity', 'review'] as const;

/** The element to focus for an error path (the control itself, or the first control of a group). */
function focusError(path: string): void {
  const [head, rest] = [path.split('.')[0], path.split('.').slice(1).join('.')];
  const id =
    head === 'answers' || head === 'reporter'
      ? rest
        ? `${head}-${rest.split('.')[0]}`
        : 'identity'
      : head === 'targets'
        ? `target-value-${Number(rest.split('.')[0] ?? 0) + 1}`
        : head === 'regionCode'
          ? 'region-province'
          : head === 'truthfulnessPledge'
            ? 'pledge'
            : (head ?? '');
  const el = document.getElementById(id);
  const control = el?.matches('input,textarea,select,button')
    ? el
    : el?.querySelector<HTMLElement>('input:not([type=hidden]),textarea,select,button');
  control?.focus();
}

/** The report form in five steps; the draft survives a reload (session storage) and is cleared on success. */
export default function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { categories, error: loadError, reload } = useCategories();
  const config = usePublicConfig();
  const [draft, setDraft] = useState<TDraft>(loadDraft);
  const [files, setFiles] = useState<TPickedFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const proof = useMemo(() => createProofOfWork(), []);
  const category = categories?.find((c) => c.code === draft.category);
  const step = Math.min(Math.max(draft.step, 0), STEPS.length - 1);

  // Solve the proof of work while the person is still typing.
  useEffect(() => {
    proof.prepare();
    return () => proof.dispose();
  }, [proof]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of step
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  const update = (patch: Partial<TDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      saveDraft(next);
      return next;
    });

  const goTo = (n: number) => {
    moved.current = true;
    update({ step: n });
  };

  function validate(n: number): Record<string, string> {
    const e: Record<string, string> = {};
    if (n === 0 && !draft.category) e.category = t('report.errors.category');
    if (n === 1) {
      if (draft.description.trim().length < 10) e.description = t('report.errors.description');
      if (draft.occurredAt && new Date(draft.occurredAt).getTime() > Date.now())
        e.occurredAt = t('report.errors.future');
      for (const key of missingAnswers(category?.questionnaire ?? [], draft.answers))
        e[`answers.${key}`] = t('report.errors.required');
    }
    if (n === 3 && !draft.anonymous) {
      if (!draft.reporter.phone.trim() && !draft.reporter.email.trim())
        e['reporter.phone'] = t('report.errors.contact');
      if (!draft.consent) e.consent = t('report.errors.consent');
    }
    if (n === 4 && !draft.pledge) e.truthfulnessPledge = t('report.errors.pledge');
    return e;
  }

  function showErrors(found: Record<string, string>): boolean {
    setErrors(found);
    const paths = Object.keys(found);
    if (paths.length === 0) return false;
    const first = paths
      .map((p) => ({ p, s: p === 'consent' ? 3 : stepOfPath(p) }))
      .sort((a, b) => a.s - b.s)[0];
    if (first && first.s !== step) goTo(first.s);
    setTimeout(() => first && focusError(first.p), 50);
    return true;
  }

  async function submit() {
    for (let n = 0; n < STEPS.length; n++) if (showErrors(validate(n))) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const headers = { 'x-proof-of-work': await proof.take(), 'idempotency-key': draft.idempotencyKey };
      const body = reportBody(draft);
      let receipt: TReceipt;
      if (files.length > 0) {
        const form = new FormData();
        form.append('report', JSON.stringify(body));
        for (const f of files) form.append('file', f.file, f.file.name);
        setFiles((fs) => spreadProgress(fs, 0, 1));
        receipt = await upload<TReceipt>('/api/v1/reports', {
          form,
          headers,
          onProgress: (sent, total) => setFiles((fs) => spreadProgress(fs, sent, total)),
        });
      } else {
        receipt = await api<TReceipt>('/api/v1/reports', {
          method: 'POST',
          body,
          headers,
          timeoutMs: 60_000,
        });
      }
      clearDraft();
      navigate('/report/receipt', { replace: true, state: { receipt } });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'network', t('common:error.network'));
      setFiles((fs) => fs.map((f) => ({ ...f, progress: undefined })));
      if (err.fields.length > 0) {
        const found: Record<string, string> = {};
        for (const f of err.fields) found[f.path] ??= f.message;
        showErrors(found);
      }
      setFailure(err);
    } finally {
      setSubmitting(false);
    }
  }

  if (loadError) {
    return (
      <>
        <h1>{t('report.title')}</h1>
        <Alert
          type="error"
          title={loadError.message}
          action={<Button onClick={reload}>{t('common:retry')}</Button>}
        />
      </>
    );
  }
  if (!categories || !config.data) {
    return (
      <div className="loading">
        <Spin aria-label={t('common:loading')} />
      </div>
    );
  }

  const next = () => {
    if (!showErrors(validate(step))) goTo(step + 1);
  };

  return (
    <>
      <h1>{t('report.title')}</h1>
      <p className="muted">{t('report.kept')}</p>
      <ol className="steps" aria-label={t('report.progress')}>
        {STEPS.map((s, n) => (
          <li
            key={s}
            className={n === step ? 'current' : n < step ? 'done' : ''}
            aria-current={n === step ? 'step' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {n + 1}
            </span>
            <span className="step-label">{t(`report.steps.${s}`)}</span>
          </li>
        ))}
      </ol>
      <form
        className="report-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEPS.length - 1) next();
          else void submit();
        }}
      >
        <h2 ref={heading} tabIndex={-1} className="step-heading">
          {t('report.stepOf', { n: step + 1, total: STEPS.length, title: t(`report.steps.${STEPS[step]}`) })}
        </h2>
        {step === 0 && (
          <StepCategory
            categories={categories}
            value={draft.category}
            error={errors.category}
            onChange={(code) =>
              update({ category: code, answers: code === draft.category ? draft.answers : {} })
            }
          />
        )}
        {step === 1 && <StepDetails draft={draft} category={category} errors={errors} update={update} />}
        {step === 2 && (
          <>
            <p>{t('evidence.intro')}</p>
            <FilePicker
              id="evidence"
              files={files}
              onChange={setFiles}
              limits={config.data.evidence}
              disabled={submitting}
            />
            <p className="field-hint">{t('evidence.notKept')}</p>
          </>
        )}
        {step === 3 && <StepIdentity draft={draft} errors={errors} update={update} />}
        {step === 4 && (
          <StepReview
            draft={draft}
            category={category}
            files={files}
            errors={errors}
            update={update}
            goTo={goTo}
          />
        )}

        {failure && (
          <Alert
            className="submit-failure"
            type="error"
            role="alert"
            showIcon
            title={failure.isNetwork ? t('report.failure.network') : failure.message}
            description={failure.isNetwork ? t('report.failure.kept') : undefined}
            action={
              <Button onClick={() => void submit()} disabled={submitting}>
                {t('report.failure.retry')}
              </Button>
            }
          />
        )}

        <div className="form-actions">
          {step > 0 && (
            <Button onClick={() => goTo(step - 1)} disabled={submitting}>
              {t('report.back')}
            </Button>
          )}
          <Button type="primary" htmlType="submit" loading={submitting}>
            {step < STEPS.length - 1 ? t('report.next') : t('report.submit')}
          </Button>
        </div>
        {submitting && (
          <p className="muted" role="status">
            {t('report.sending')}
          </p>
        )}
      </form>
    </>
  );
}
