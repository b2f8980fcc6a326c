import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import type { TEvidenceKind } from './evidence.tables.js';

/** Image formats that are re-encoded (without metadata) before they are stored. */
export type TImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heic';

export type TSniffed =
  | { ok: true; kind: TEvidenceKind; mime: string; ext: string; image?: TImageFormat }
  | { ok: false; reason: 'markup' | 'type' };

/** What `file-type` recognises that we accept, by its `ext`. Anything else it recognises is refused. */
const BINARY: Record<string, { kind: TEvidenceKind; mime: string; image?: TImageFormat }> = {
  jpg: { kind: 'image', mime: 'image/jpeg', image: 'jpeg' },
  png: { kind: 'image', mime: 'image/png', image: 'png' },
  webp: { kind: 'image', mime: 'image/webp', image: 'webp' },
  gif: { kind: 'image', mime: 'image/gif', image: 'gif' },
  heic: { kind: 'image', mime: 'image/heic', image: 'heic' },
  pdf: { kind: 'document', mime: 'application/pdf' },
  mp4: { kind: 'video', mime: 'video/mp4' },
  mp3: { kind: 'audio', mime: 'audio/mpeg' },
  m4a: { kind: 'audio', mime: 'audio/mp4' },
  wav: { kind: 'audio', mime: 'audio/wav' },
};

/** How far from the start markup is looked for (after a byte-order mark and whitespace). */
const MARKUP_WINDOW = 1024;
const MARKUP_TOKENS = [
  '<script',
  '<!doctype',
  '<html',
  '<?xml',
  '<svg',
  '<body',
  '<head',
  '<iframe',
  '<object',
  '<embed',
];
const BOMS = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xfe, 0xff]), Buffer.from([0xff, 0xfe])];

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * True when the start of the file looks like markup or script a browser might render: it begins with `<`
 * (after a BOM and whitespace), or one of the markup tokens appears near the start (case-insensitive; NUL bytes
 * are dropped first, so UTF-16 text cannot hide a token).
 */
export function looksLikeMarkup(head: Buffer): boolean {
  let start = head;
  for (const bom of BOMS) {
    if (start.subarray(0, bom.length).equals(bom)) {
      start = start.subarray(bom.length);
      break;
    }
  }
  const text = start
    .subarray(0, MARKUP_WINDOW + 64)
    .toString('latin1')
    .replaceAll('\0', '')
    .trimStart()
    .slice(0, MARKUP_WINDOW)
    .toLowerCase();
  return text.startsWith('<') || MARKUP_TOKENS.some((token) => text.includes(token));
}

/** Whole file is valid UTF-8 without NUL bytes (streamed: the file is never held in memory). */
async function isUtf8Text(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let any = false;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
      const bytes = chunk as Buffer;
      if (bytes.includes(0)) return false;
      decoder.decode(bytes, { stream: true });
      any = true;
    }
    decoder.decode();
  } catch {
    return false;
  }
  return any;
}

const FIELD_NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;
const MAIL_FIELDS = new Set([
  'received',
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'return-path',
  'delivered-to',
]);

/**
 * An RFC 5322 message: a header block of `Name: value` lines (continuations start with a space or tab) ended
 * by an empty line, with at least two of the usual mail fields (Received, From, To, Subject, Date, …).
 */
export function looksLikeEmail(head: string): boolean {
  const lines = head.split(/\r?\n/);
  if (lines[0]?.startsWith('From ')) lines.shift(); // an mbox separator line before the message
  let fields = 0;
  const known = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (line === '') return i > 0 && fields >= 2 && known.size >= 2;
    if (/^[ \t]/.test(line)) {
      if (i === 0) return false;
      continue;
    }
    const match = FIELD_NAME.exec(line);
    if (!match?.[1]) return false;
    fields++;
    const name = match[1].toLowerCase();
    if (MAIL_FIELDS.has(name)) known.add(name);
  }
  return false; // no empty line within the head: not a complete header block
}

/**
 * Decides what a received file is from its bytes alone (never its name or declared type). Images are
 * accepted whatever their start (they are re-encoded); anything stored as received must not look like markup.
 */
export async function sniffFile(file: string): Promise<TSniffed> {
  const head = await readHead(file, 64 * 1024);
  const detected = await fileTypeFromFile(file);
  if (detected) {
    const known = BINARY[detected.ext];
    if (!known) return { ok: false, reason: 'type' };
    if (!known.image && looksLikeMarkup(head)) return { ok: false, reason: 'markup' };
    return { ok: true, ext: detected.ext, ...known };
  }
  // A mail (a forwarded scam mail kept as evidence) is recognised by its header block, which is ASCII, so
  // its body may be HTML or in GBK: it is only ever served as a download (message/rfc822, nosniff,
  // Content-Disposition: attachment), never rendered. Only its header block must not look like markup.
  const latin1 = head.toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '');
  if (looksLikeEmail(latin1)) {
    const headers = latin1.slice(0, latin1.search(/\r?\n\r?\n/) + 1);
    if (looksLikeMarkup(Buffer.from(headers, 'latin1'))) return { ok: false, reason: 'markup' };
    return { ok: true, kind: 'email', mime: 'message/rfc822', ext: 'eml' };
  }
  if (looksLikeMarkup(head)) return { ok: false, reason: 'markup' };
  if (!(await isUtf8Text(file))) return { ok: false, reason: 'type' };
  return { ok: true, kind: 'text', mime: 'text/plain; charset=utf-8', ext: 'txt' };
}
