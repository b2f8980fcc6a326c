import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Paths that could carry reporter PII or secrets. Request bodies are never logged, but a path listed
 * here is censored even if someone logs an object containing it.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-proof-of-work"]',
  'res.headers["set-cookie"]',
  'body',
  'reporter',
  '*.reporter',
  'receiptCode',
  '*.receiptCode',
  'password',
  '*.password',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'qinglang' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
