import { describe, expect, it } from 'vitest';
import { looksLikeEmail, looksLikeMarkup } from './evidence.sniff.js';

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
