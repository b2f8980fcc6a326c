/**
 * The outbound relay of the e-mail benchmark, in a worker thread: an SMTP server on 127.0.0.1 that takes every
 * acknowledgement the server sends (as a centre's mail relay would) and counts them. Posts `{ port }` when
 * listening; answers `'count'` with `{ count }`.
 */

import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    stream.on('data', () => {});
    stream.on('end', () => {
      count++;
      done();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  parentPort?.postMessage({ port: (server.server.address() as AddressInfo).port });
});
parentPort?.on('message', (message: unknown) => {
  if (message === 'count') parentPort?.postMessage({ count });
});
