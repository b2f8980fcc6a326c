import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeEmail, looksLikeMarkup, sniffFile } from './evidence.sniff.js';

describe('looksLikeMarkup', () => {
  it.each([
    '<!DOCTYPE html><p>x',
    '\uFEFF\r\n   <HtMl>',
    '<?xml version="1.0"?><svg/>',
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'GIF89a <script>alert(1)</script>',
    '<p>no doctype but starts with a tag',
  ])('refuses %j', (text) => {
    expect(looksLikeMarkup(Buffer.from(text))).toBe(true);
  });

  it('sees through UTF-16 (NUL bytes between letters)', () => {
    expect(looksLikeMarkup(Buffer.from('\uFEFF<html>', 'utf16le'))).toBe(true);
  });

  it.each(['今天下午 3 点接到诈骗电话 a < b', 'Price: 3 < 4, see https://example.cn', ''])(
    'accepts %j',
    (text) => {
      expect(looksLikeMarkup(Buffer.from(text))).toBe(false);
    },
  );

  it('looks only near the start', () => {
    expect(looksLikeMarkup(Buffer.from(`${'x'.repeat(2000)}<script>`))).toBe(false);
  });
});

describe('looksLikeEmail', () => {
  it('recognises an RFC 5322 header block (with continuation lines and an mbox From_ line)', () => {
    const mail =
      'From someone@example.cn Fri Nov 27 10:00:00 2026\nReceived: from a\n\tby b\nFrom: a@example.cn\nSubject: hi\n\nbody';
    expect(looksLikeEmail(mail)).toBe(true);
  });

  it.each([
    'Subject: only one field\n\nbody',
    'Note: a\nTodo: b\n\nnot mail fields',
    'From: a@example.cn\nSubject: no blank line',
    'hello\nFrom: a\nSubject: b\n\n',
  ])('rejects %j', (text) => {
    expect(looksLikeEmail(text)).toBe(false);
  });
});

describe('sniffFile on forwarded mails', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const write = async (name: string, bytes: Buffer) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qinglang-sniff-'));
    dirs.push(dir);
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  };
  const headers =
    'Received: from mx.example.cn\r\nFrom: "客服" <kefu@scam.example>\r\nTo: me@example.org\r\nSubject: refund\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=gbk\r\n\r\n';

  it('keeps an HTML or GBK-encoded scam mail as message/rfc822 (served only as a download)', async () => {
    const html = await write(
      'scam.eml',
      Buffer.from(`${headers}<html><body><a href="http://x">点此退款</a></body></html>`),
    );
    expect(await sniffFile(html)).toMatchObject({ ok: true, mime: 'message/rfc822' });
    const gbk = await write(
      'scam.eml',
      Buffer.concat([Buffer.from(headers), Buffer.from([0xc4, 0xe3, 0xba, 0xc3])]),
    );
    expect(await sniffFile(gbk)).toMatchObject({ ok: true, mime: 'message/rfc822' });
  });

  it('still refuses markup that only pretends to be a mail', async () => {
    const fake = await write(
      'x.jpg',
      Buffer.from('<html>\r\nFrom: a@b\r\nTo: c@d\r\n\r\n<script>alert(1)</script>'),
    );
    expect(await sniffFile(fake)).toEqual({ ok: false, reason: 'markup' });
    const headerMarkup = await write(
      'y.eml',
      Buffer.from('From: a@b\r\nTo: c@d\r\nX-Trick: <script>\r\n\r\nbody'),
    );
    expect(await sniffFile(headerMarkup)).toEqual({ ok: false, reason: 'markup' });
  });
});
