import { Readable } from 'node:stream';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import { verifyWebhook } from '../../platform/crypto/webhook-signature.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import type { CaseService } from '../cases/case.service.js';
import type {
  EvidenceService,
  TPreparedEvidence,
  TReceivedUpload,
  TUploadPart,
} from '../evidence/evidence.service.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { TActor } from '../org/access.policy.js';
import { maskPhone } from '../reporters/mask.js';
import { formatReceiptCode } from '../reporters/receipt-code.js';
import type { TCallState } from './channels.tables.js';
import { findCall, insertCall, listCalls, type TCallRow, updateCall } from './hotline.repository.js';
import type { ZCallReport, ZCallUpdate, ZTelephonyCall } from './hotline.schemas.js';

export const CALLER_CONTEXT = 'hotline-caller';

/** Prepared evidence as stored in the call row (JSON): buffers as base64. */
const toJson = (p: TPreparedEvidence) =>
  JSON.parse(
    JSON.stringify(p, (_k, v) =>
      v?.type === 'Buffer' && Array.isArray(v.data) ? { b64: Buffer.from(v.data).toString('base64') } : v,
    ),
  );
const fromJson = (j: unknown): TPreparedEvidence =>
  JSON.parse(JSON.stringify(j), (_k, v) =>
    v && typeof v === 'object' && typeof v.b64 === 'string' ? Buffer.from(v.b64, 'base64') : v,
  );

async function* one(part: TUploadPart) {
  yield part;
}

/**
 * The hotline: call records kept by operators (`intake.hotline`) or pushed by the call system (signed webhook,
 * as drafts in the operator queue), and the report submitted on the caller's behalf through the one intake
 * (channel `hotline`). The caller's number is sealed; the call's duration and operator go on the case timeline.
 */
export function createHotlineService(deps: {
  db: Db;
  keys: DerivedKeys;
  intake: IntakeService;
  evidence: EvidenceService;
  cases: CaseService;
  telephonySecret?: string | undefined;
}) {
  const { db, keys, intake, evidence } = deps;

  const callerOf = (c: TCallRow) => (c.caller ? keys.unseal<string>(CALLER_CONTEXT, c.caller) : undefined);
  const duration = (c: TCallRow) =>
    c.endedAt ? Math.round((+new Date(c.endedAt) - +new Date(c.startedAt)) / 1000) : null;

  function view(c: TCallRow) {
    const caller = callerOf(c);
    return {
      id: c.id,
      source: c.source,
      state: c.state,
      line: c.line,
      callerNumber: caller ? maskPhone(caller) : null,
      operatorId: c.operatorId,
      startedAt: new Date(c.startedAt).toISOString(),
      endedAt: c.endedAt ? new Date(c.endedAt).toISOString() : null,
      durationSeconds: duration(c),
      anonymous: c.anonymous,
      recordingConsent: c.recordingConsent,
      summary: c.summary,
      transcript: c.transcript,
      recordings: c.recordings.length,
      reportId: c.reportId,
    };
  }

  async function editable(id: string) {
    const call = await findCall(db, id);
    if (!call) throw new AppError('call_not_found', 404);
    if (call.state === 'submitted' || call.state === 'abandoned') {
      throw new AppError('call_closed', 409, { state: call.state });
    }
    return call;
  }

  return {
    async start(
      actor: TActor,
      input: { line: string; callerNumber?: string | undefined; startedAt?: string | undefined },
    ) {
      const { id } = await insertCall(db, {
        source: 'operator',
        state: 'open',
        operatorId: actor.id,
        line: input.line,
        caller: input.callerNumber ? seal(keys.master, CALLER_CONTEXT, input.callerNumber) : null,
        startedAt: input.startedAt ? new Date(input.startedAt) : new Date(),
      });
      return view((await findCall(db, id)) as TCallRow);
    },

    async queue(state: TCallState | undefined) {
      const calls = await listCalls(db, state ? [state] : ['draft', 'open'], 200);
      return calls.map(view);
    },

    async get(id: string) {
      const call = await findCall(db, id);
      if (!call) throw new AppError('call_not_found', 404);
      return view(call);
    },

    /** Fills in the call record; an operator working on a pushed draft takes it over (`open`). */
    async update(actor: TActor, id: string, input: z.infer<typeof ZCallUpdate>) {
      const call = await editable(id);
      const { ended, ...rest } = input;
      await updateCall(db, id, {
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(call.state === 'draft' || !call.operatorId
          ? { state: 'open' as const, operatorId: actor.id }
          : {}),
        ...(ended && !call.endedAt ? { endedAt: new Date() } : {}),
      });
      return view((await findCall(db, id)) as TCallRow);
    },

    /** A recording of the call: only with the caller's consent noted; through the evidence pipeline. */
    async addRecording(id: string, upload: TReceivedUpload) {
      const call = await editable(id);
      if (!call.recordingConsent) throw new AppError('call_recording_without_consent', 409);
      const stored = await evidence.store(upload);
      await updateCall(db, id, { recordings: [...call.recordings, ...stored.map(toJson)] });
      return view((await findCall(db, id)) as TCallRow);
    },

    /**
     * Submits the report on the caller's behalf (channel `hotline`, recordings as evidence) and closes the call
     * record; the call's operator, line and duration go on the case timeline. Submitting twice answers the first
     * report again (the call id is the idempotency key).
     */
    async submit(actor: TActor, id: string, form: z.infer<typeof ZCallReport>, language: TLanguage) {
      const call = await findCall(db, id);
      if (!call) throw new AppError('call_not_found', 404);
      if (call.state === 'abandoned') throw new AppError('call_closed', 409, { state: call.state });
      const idempotencyKey = `hotline:${call.id}`;
      const caller = callerOf(call);
      const { contactConsent, ...identity } = form.reporter ?? {};
      const reporter =
        call.anonymous && !form.reporter
          ? undefined
          : { ...identity, ...(caller && !identity.phone && !call.anonymous ? { phone: caller } : {}) };
      const result =
        (await intake.replay(idempotencyKey)) ??
        (await intake.submit({
          channel: 'hotline',
          category: form.category,
          description: form.description,
          answers: form.answers,
          occurredAt: form.occurredAt ? new Date(form.occurredAt) : undefined,
          regionCode: form.regionCode,
          targets: form.targets,
          reporter: reporter && Object.values(reporter).some(Boolean) ? reporter : undefined,
          contactConsent: contactConsent === true,
          language,
          evidence: call.recordings.map(fromJson),
          idempotencyKey,
        }));
      if (call.state !== 'submitted') {
        const endedAt = call.endedAt ? new Date(call.endedAt) : new Date();
        const summary = await intake.summary(result.reportId);
        await db.transaction(async (tx) => {
          await updateCall(tx, id, {
            state: 'submitted',
            reportId: result.reportId,
            endedAt,
            operatorId: actor.id,
          });
          if (summary) {
            await deps.cases.recordEvent(tx, summary.caseId, {
              type: 'hotline_call',
              actorType: 'staff',
              actorId: actor.id,
              payload: {
                reportId: result.reportId,
                callId: call.id,
                line: call.line,
                source: call.source,
                durationSeconds: Math.round((+endedAt - +new Date(call.startedAt)) / 1000),
                recordings: call.recordings.length,
              },
              public: false,
            });
          }
          await recordAudit(tx, {
            actorType: 'staff',
            actorId: actor.id,
            action: 'hotline.report_submitted',
            subjectType: 'report',
            subjectId: result.reportId,
            payload: { callId: call.id, anonymous: call.anonymous, recordings: call.recordings.length },
          });
        });
      }
      const code = formatReceiptCode(result.receiptCode);
      return {
        reportNo: result.reportNo,
        caseNo: result.caseNo,
        receiptCode: code,
        readBack: code.split('').join(' ').replace(/ - /g, ', '),
      };
    },

    /** Checks the call system's signature (401 when missing, wrong or older than 5 minutes). */
    verifyTelephony(
      headers: { timestamp?: string | undefined; signature?: string | undefined },
      rawBody: string,
    ) {
      if (!deps.telephonySecret) throw new AppError('telephony_not_configured', 503);
      const check = verifyWebhook(deps.telephonySecret, headers, rawBody);
      if (check !== 'ok') throw new AppError('telephony_signature_invalid', 401, { reason: check });
    },

    /** A pushed call record → a draft in the operator queue (the same call id pushed again: the same draft). */
    async fromTelephony(input: z.infer<typeof ZTelephonyCall>) {
      const recordings: unknown[] = [];
      if (input.recording) {
        const content = Buffer.from(input.recording.contentBase64, 'base64');
        const stored = await evidence.ingest(
          one({ filename: input.recording.filename ?? 'recording', file: Readable.from(content) }),
        );
        recordings.push(...stored.map(toJson));
      }
      const result = await insertCall(db, {
        source: 'telephony',
        externalId: input.callId,
        state: 'draft',
        line: input.line,
        caller: input.callerNumber ? seal(keys.master, CALLER_CONTEXT, input.callerNumber) : null,
        startedAt: new Date(input.startedAt),
        endedAt: input.endedAt ? new Date(input.endedAt) : null,
        summary: input.summary ?? null,
        transcript: input.transcript ?? null,
        recordings,
        recordingConsent: input.recordingConsent,
      });
      return result;
    },
  };
}

export type HotlineService = ReturnType<typeof createHotlineService>;
