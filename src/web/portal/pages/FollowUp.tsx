import { Alert, Button, Input, Spin, Tag } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, upload } from '../../shared/api.js';
import { Field } from '../../shared/Field.js';
import { FilePicker, spreadProgress, type TPickedFile } from '../components/FilePicker.js';
import { usePublicConfig } from '../data.js';

interface TFollowUp {
  reportNo: string;
  status: string;
  statusLabel: string;
  category: { code: string; name: string };
  submittedAt: string;
  timeline: { type: string; label: string; at: string }[];
  messages: { direction: 'to_handler' | 'to_reporter'; body: string; at: string }[];
  supplements: { details?: string; answers?: Record<string, unknown>; at: string }[];
}

interface Props {
  csrfToken: string;
  onExpired: () => void;
  onLeave: () => void;
}

type TNotice = { type: 'success' | 'error'; text: string } | undefined;

/** One report seen by its reporter: status, public timeline, messages, reply, more evidence, more details. */
export function FollowUp({ csrfToken, onExpired, onLeave }: Props) {
  const { t, i18n } = useTranslation();
  const config = usePublicConfig();
  const [report, setReport] = useState<TFollowUp>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [reply, setReply] = useState('');
  const [details, setDetails] = useState('');
  const [files, setFiles] = useState<TPickedFile[]>([]);
  const [busy, setBusy] = useState<'' | 'reply' | 'details' | 'files'>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Record<string, TNotice>>({});
  const expired = useRef(onExpired);
  expired.current = onExpired;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  const load = useCallback(async () => {
    try {
      setReport(await api<TFollowUp>('/api/v1/receipt/report'));
      setLoadError(undefined);
    } catch (e) {
      if ((e as ApiError).status === 401) expired.current();
      else setLoadError(e as ApiError);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload in a new language (labels come from the server)
  useEffect(() => {
    void load();
  }, [load, i18n.language]);

  async function send(kind: 'reply' | 'details' | 'files') {
    setErrors({});
    setNotice((n) => ({ ...n, [kind]: undefined }));
    const headers = { 'x-csrf-token': csrfToken };
    const field = kind === 'reply' ? 'reply-body' : kind === 'details' ? 'more-details' : 'more-files';
    if (
      (kind === 'reply' && !reply.trim()) ||
      (kind === 'details' && !details.trim()) ||
      (kind === 'files' && !files.length)
    ) {
      setErrors({ [field]: t(kind === 'files' ? 'followUp.noFiles' : 'report.errors.required') });
      document.getElementById(field)?.focus();
      return;
    }
    setBusy(kind);
    try {
      if (kind === 'reply') {
        await api('/api/v1/receipt/messages', { body: { body: reply.trim() }, headers });
        setReply('');
      } else if (kind === 'details') {
        await api('/api/v1/receipt/supplements', { body: { details: details.trim() }, headers });
        setDetails('');
      } else {
        const form = new FormData();
        for (const f of files) form.append('file', f.file, f.file.name);
        await upload('/api/v1/receipt/evidence', {
          form,
          headers,
          onProgress: (sent, total) => setFiles((fs) => spreadProgress(fs, sent, total)),
        });
        setFiles([]);
      }
      setNotice((n) => ({ ...n, [kind]: { type: 'success', text: t(`followUp.sent.${kind}`) } }));
      await load();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 401) return onExpired();
      setFiles((fs) => fs.map((f) => ({ ...f, progress: undefined })));
      if (err.fields?.length) setErrors({ [field]: err.fields.map((f) => f.message).join(' ') });
      else setNotice((n) => ({ ...n, [kind]: { type: 'error', text: err.message } }));
    } finally {
      setBusy('');
    }
  }

  if (loadError)
    return (
      <Alert
        type="error"
        title={loadError.message}
        action={<Button onClick={() => void load()}>{t('common:retry')}</Button>}
      />
    );
  if (!report) {
    return (
      <div className="loading">
        <Spin aria-label={t('common:loading')} />
      </div>
    );
  }

  const show = (kind: string) => {
    const n = notice[kind];
    return n ? (
      <Alert
        className="inline-notice"
        type={n.type}
        showIcon
        role={n.type === 'error' ? 'alert' : 'status'}
        title={n.text}
      />
    ) : null;
  };

  return (
    <>
      <h1>{t('followUp.title', { reportNo: report.reportNo })}</h1>
      <dl className="summary">
        <div>
          <dt>{t('followUp.status')}</dt>
          <dd>
            <Tag color="blue" data-testid="status">
              {report.statusLabel}
            </Tag>
          </dd>
        </div>
        <div>
          <dt>{t('followUp.category')}</dt>
          <dd>{report.category.name}</dd>
        </div>
        <div>
          <dt>{t('followUp.submitted')}</dt>
          <dd>{when(report.submittedAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('followUp.timeline')}</h2>
        <ol className="timeline">
          {report.timeline.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only
            <li key={i}>
              <time dateTime={e.at}>{when(e.at)}</time> <span>{e.label}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('followUp.messages')}</h2>
        {report.messages.length === 0 && <p className="muted">{t('followUp.noMessages')}</p>}
        <ul className="messages" data-testid="messages">
          {report.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages are append-only
            <li key={i} className={m.direction === 'to_reporter' ? 'from-handler' : 'from-me'}>
              <div className="message-meta">
                {m.direction === 'to_reporter' ? t('followUp.fromHandler') : t('followUp.fromMe')} ·{' '}
                <time dateTime={m.at}>{when(m.at)}</time>
              </div>
              <div className="message-body">{m.body}</div>
            </li>
          ))}
        </ul>
        <TextForm
          id="reply-body"
          label={t('followUp.reply')}
          value={reply}
          onChange={setReply}
          maxLength={5000}
          error={errors['reply-body']}
          notice={show('reply')}
          busy={busy === 'reply'}
          submit={t('followUp.sendReply')}
          onSubmit={() => void send('reply')}
        />
      </section>

      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t('followUp.addEvidence')}</h2>
        {config.data && (
          <FilePicker
            id="more-files"
            files={files}
            onChange={setFiles}
            limits={config.data.evidence}
            disabled={busy === 'files'}
          />
        )}
        {errors['more-files'] && (
          <div className="field-error" role="alert">
            {errors['more-files']}
          </div>
        )}
        {show('files')}
        <Button type="primary" onClick={() => void send('files')} loading={busy === 'files'}>
          {t('followUp.upload')}
        </Button>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('followUp.addDetails')}</h2>
        {report.supplements.length > 0 && (
          <ul className="supplements">
            {report.supplements.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: supplements are append-only
              <li key={i}>
                <time dateTime={s.at}>{when(s.at)}</time> {s.details}
              </li>
            ))}
          </ul>
        )}
        <TextForm
          id="more-details"
          label={t('followUp.details')}
          value={details}
          onChange={setDetails}
          maxLength={10_000}
          error={errors['more-details']}
          notice={show('details')}
          busy={busy === 'details'}
          submit={t('followUp.sendDetails')}
          onSubmit={() => void send('details')}
        />
      </section>

      <div className="form-actions">
        <Button onClick={onLeave}>{t('followUp.leave')}</Button>
      </div>
    </>
  );
}

/** One text to send (a reply to the handler, more details): the labelled area, its notice, the button. */
function TextForm(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  maxLength: number;
  error: string | undefined;
  notice: ReactNode;
  busy: boolean;
  submit: string;
  onSubmit(): void;
}) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Field id={props.id} label={props.label} error={props.error}>
        {(control) => (
          <Input.TextArea
            {...control}
            value={props.value}
            maxLength={props.maxLength}
            autoSize={{ minRows: 3, maxRows: 10 }}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
      </Field>
      {props.notice}
      <Button type="primary" htmlType="submit" loading={props.busy}>
        {props.submit}
      </Button>
    </form>
  );
}
