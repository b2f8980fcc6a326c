import { z } from 'zod';
import { ZReportCreate } from '../intake/intake.schemas.js';
import { CALL_STATES } from './channels.tables.js';

const ZLine = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .meta({ description: 'The hotline number or line the call came in on' });
const ZCallerNumber = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .meta({ description: 'Sealed at once; never shown in full' });

export const ZCallStart = z.strictObject({
  line: ZLine,
  callerNumber: ZCallerNumber.optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
});

export const ZCallUpdate = z.strictObject({
  anonymous: z.boolean().optional().meta({ description: 'The caller chose to stay anonymous' }),
  recordingConsent: z
    .boolean()
    .optional()
    .meta({ description: 'The caller agreed to the call being recorded' }),
  summary: z.string().trim().max(10_000).nullable().optional(),
  transcript: z.string().trim().max(200_000).nullable().optional(),
  ended: z.boolean().optional().meta({ description: 'The call has ended (its duration is fixed now)' }),
});

/** The portal's report form, filled by the operator; `reporter` is used only when the caller is not anonymous. */
export const ZCallReport = ZReportCreate.omit({ truthfulnessPledge: true });

export const ZCallView = z.object({
  id: z.string(),
  source: z.enum(['operator', 'telephony']),
  state: z.enum(CALL_STATES),
  line: z.string(),
  callerNumber: z.string().nullable().meta({ description: 'Masked (138****5678)' }),
  operatorId: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  anonymous: z.boolean(),
  recordingConsent: z.boolean(),
  summary: z.string().nullable(),
  transcript: z.string().nullable(),
  recordings: z.number().int(),
  reportId: z.string().nullable(),
});

export const ZCallList = z.object({ calls: z.array(ZCallView) });
export const ZCallQuery = z.object({ state: z.enum(CALL_STATES).optional() });
export const ZCallId = z.object({ id: z.uuid() });

export const ZCallSubmitted = z.object({
  reportNo: z.string(),
  caseNo: z.string(),
  receiptCode: z.string(),
  readBack: z.string().meta({ description: 'The receipt code grouped for reading aloud to the caller' }),
});

/** What a call system pushes (signed): a call record, voicemail recording and/or transcript. */
export const ZTelephonyCall = z.strictObject({
  callId: z.string().trim().min(1).max(200),
  line: ZLine,
  callerNumber: ZCallerNumber.optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  transcript: z.string().max(200_000).optional(),
  summary: z.string().max(10_000).optional(),
  recording: z
    .strictObject({ filename: z.string().max(200).optional(), contentBase64: z.base64() })
    .optional()
    .meta({ description: 'A voicemail or call recording (audio), base64' }),
  recordingConsent: z.boolean().default(false),
});
