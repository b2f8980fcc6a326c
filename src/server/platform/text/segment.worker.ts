/** The worker thread of `createSegmenter('thread')`: answers each batch of texts with their search tokens. */
import { parentPort } from 'node:worker_threads';
import { searchTokens } from './segment.js';
import type { TSegmentRequest, TSegmentResponse } from './segmenter.js';

parentPort?.on('message', ({ id, texts }: TSegmentRequest) => {
  const answer: TSegmentResponse = { id, tokens: texts.map((text) => searchTokens(text).join(' ')) };
  parentPort?.postMessage(answer);
});
