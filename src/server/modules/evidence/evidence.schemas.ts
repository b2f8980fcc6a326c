import { z } from 'zod';
import { EVIDENCE_KINDS, EVIDENCE_SOURCES } from './evidence.tables.js';

export const ZEvidenceParams = z.object({ evidenceId: z.uuid() });
export const ZReportEvidenceParams = z.object({ reportId: z.uuid() });

export const ZEvidenceItem = z.object({
  id: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  mime: z.string().meta({ example: 'image/jpeg' }),
  receivedBytes: z.number().int(),
  storedBytes: z.number().int(),
  receivedSha256: z.string().meta({ description: 'SHA-256 (hex) of the file as received' }),
  storedSha256: z.string().meta({ description: 'SHA-256 (hex) of the file as stored (images: re-encoded)' }),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  source: z.enum(EVIDENCE_SOURCES),
  createdAt: z.iso.datetime(),
});

export const ZEvidenceList = z.object({ items: z.array(ZEvidenceItem) });
