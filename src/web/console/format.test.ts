import { describe, expect, it } from 'vitest';
import { highlightSegments } from './format.js';

describe('highlightSegments', () => {
  it('splits « » matches into marked segments and keeps the rest as text', () => {
    expect(highlightSegments('让我下载«云»«会议»软件')).toEqual([
      { text: '让我下载', match: false },
      { text: '云', match: true },
      { text: '会议', match: true },
      { text: '软件', match: false },
    ]);
  });

  it('leaves markup as text and tolerates an unclosed marker', () => {
    expect(highlightSegments('<b>x</b> «<img>» tail «open')).toEqual([
      { text: '<b>x</b> ', match: false },
      { text: '<img>', match: true },
      { text: ' tail «open', match: false },
    ]);
  });

  it('returns no segments for empty text', () => {
    expect(highlightSegments('')).toEqual([]);
  });
});
