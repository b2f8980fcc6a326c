/**
 * A bench server that stays up (`bench/compare.ts` starts two): prints `url <url> pid <pid>` on stdout once it
 * listens, and stops, with its database, on SIGTERM or Ctrl-C.
 */
import { runBench } from './bench-server.js';

runBench(
  (message) => process.stderr.write(`[serve] ${message}\n`),
  async (server) => {
    process.stdout.write(`url ${server.url} pid ${process.pid}\n`);
    // Until a signal: runBench's handler stops the server and exits.
    await new Promise<never>(() => {});
    return 0;
  },
);
