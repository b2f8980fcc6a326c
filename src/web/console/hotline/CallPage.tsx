import { Button, Checkbox, Input, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Field, FieldGroup, FormError } from '../../shared/Field.js';
import { errorMessage, staffApi, staffUpload } from '../api.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TCall, TCallSubmitted } from '../types.js';
import { CallReportForm } from './CallReportForm.js';
import { Receipt } from './Receipt.js';

/** One call: the caller's choices, the notes of the call, a recording, and the report on the caller's behalf. */
export default function CallPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('hotline.call.title'));
  const { id = '' } = useParams();
  const load = useLoad<TCall>(`/hotline/calls/${id}`);
  const [call, setCall] = useState<TCall>();
  const [summary, setSummary] = useState('');
  const [transcript, setTranscript] = useState('');
  const [file, setFile] = useState<File>();
  const [status, setStatus] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [submitted, setSubmitted] = useState<TCallSubmitted>();

  useEffect(() => {
    if (!load.data) return;
    setCall(load.data);
    setSummary(load.data.summary ?? '');
    setTranscript(load.data.transcript ?? '');
  }, [load.data]);

  const patch = async (body: Partial<TCall> & { ended?: boolean }, done: string) => {
    setFailure(undefined);
    const before = call;
    // The choice shows at once; the server's answer replaces it (or the old state on failure).
    if (body.anonymous !== undefined || body.recordingConsent !== undefined)
      setCall((c) => c && { ...c, ...body });
    try {
      setCall(await staffApi<TCall>(`/hotline/calls/${id}`, { method: 'PATCH', body }));
      setStatus(done);
    } catch (err) {
      setCall(before);
      setFailure(errorMessage(err));
    }
  };

  const uploadRecording = async () => {
    if (!file) return;
    setFailure(undefined);
    try {
      const form = new FormData();
      form.append('file', file);
      setCall(await staffUpload<TCall>(`/hotline/calls/${id}/recordings`, form));
      setFile(undefined);
      setStatus(t('hotline.call.uploaded'));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  if (!call) {
    return (
      <>
        <h1>{t('hotline.call.title')}</h1>
        <FormError message={load.error?.message} />
      </>
    );
  }
  const closed = call.state === 'submitted' || call.state === 'abandoned';
  return (
    <>
      <p>
        <Link to="/hotline">{t('hotline.call.back')}</Link>
      </p>
      <h1>{t('hotline.call.title')}</h1>
      <dl className="facts" data-testid="call-facts">
        <div>
          <dt>{t('hotline.queue.startedAt')}</dt>
          <dd>{dateTime(call.startedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('hotline.queue.line')}</dt>
          <dd>{call.line}</dd>
        </div>
        <div>
          <dt>{t('hotline.queue.caller')}</dt>
          <dd>{call.callerNumber ?? t('hotline.unknownCaller')}</dd>
        </div>
        <div>
          <dt>{t('hotline.queue.state')}</dt>
          <dd data-testid="call-state">{t(`hotline.state.${call.state}`)}</dd>
        </div>
        <div>
          <dt>{t('hotline.call.recordings')}</dt>
          <dd>{call.recordings}</dd>
        </div>
      </dl>
      <div role="status" className="status-line">
        {status}
      </div>
      <FormError message={failure} />

      {submitted && <Receipt result={submitted} />}

      <section className="panel" aria-labelledby="call-notes">
        <h2 id="call-notes">{t('hotline.call.notes')}</h2>
        <FieldGroup id="call-anonymous" legend={t('hotline.call.anonymity')}>
          <Radio.Group
            value={call.anonymous}
            disabled={closed}
            onChange={(e) => void patch({ anonymous: e.target.value }, t('hotline.call.saved'))}
          >
            <Radio value={true}>{t('hotline.call.anonymous')}</Radio>
            <Radio value={false}>{t('hotline.call.realName')}</Radio>
          </Radio.Group>
        </FieldGroup>
        <Checkbox
          checked={call.recordingConsent}
          disabled={closed}
          onChange={(e) => void patch({ recordingConsent: e.target.checked }, t('hotline.call.saved'))}
        >
          {t('hotline.call.consent')}
        </Checkbox>
        <Field id="call-summary" label={t('hotline.call.summary')}>
          {(c) => (
            <Input.TextArea
              {...c}
              maxLength={10_000}
              autoSize={{ minRows: 2, maxRows: 8 }}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </Field>
        <Field id="call-transcript" label={t('hotline.call.transcript')}>
          {(c) => (
            <Input.TextArea
              {...c}
              maxLength={200_000}
              autoSize={{ minRows: 3, maxRows: 14 }}
              value={transcript}
              onChange={(e) => setTranscript(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <Button
            onClick={() =>
              void patch(
                { summary: summary.trim() || null, transcript: transcript.trim() || null },
                t('hotline.call.saved'),
              )
            }
          >
            {t('hotline.call.saveNotes')}
          </Button>
          {!call.endedAt && (
            <Button onClick={() => void patch({ ended: true }, t('hotline.call.endedDone'))}>
              {t('hotline.call.end')}
            </Button>
          )}
        </div>
        <Field
          id="call-recording"
          label={t('hotline.call.recording')}
          hint={call.recordingConsent ? undefined : t('hotline.call.recordingNeedsConsent')}
        >
          {(c) => (
            <input
              {...c}
              type="file"
              accept="audio/*"
              disabled={!call.recordingConsent}
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Button disabled={!file || !call.recordingConsent} onClick={() => void uploadRecording()}>
          {t('hotline.call.upload')}
        </Button>
      </section>

      {!closed && !submitted && (
        <CallReportForm
          callId={call.id}
          anonymous={call.anonymous}
          onSubmitted={(result) => {
            setSubmitted(result);
            void load.reload();
          }}
        />
      )}
      {call.state === 'submitted' && !submitted && <p>{t('hotline.call.alreadySubmitted')}</p>}
    </>
  );
}
