import net from 'node:net';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { TestApp } from '../../../../test/support/app.js';
import { openDatabase } from '../../platform/db/pool.js';
import { createLogger } from '../../platform/logger.js';
import { createServices } from '../../services.js';
import { createEmailChannel } from './email.service.js';

/**
 * A TCP proxy in front of the test database, to take the database away and bring it back in a test the way a
 * stopped and restarted server would: `stop()` cuts every connection and refuses new ones; `start()` listens
 * again on the same port.
 */
export interface TcpProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const stop = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    port,
    stop,
    start: () => listen(port),
    close: stop,
  };
}

/** The same connection URL through the proxy. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

/** A JSON logger whose lines the test can read (`logs.join('')`). */
export function capturedLogger(): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), logs };
}

/**
 * The test app's e-mail channel on a database reached through a `TcpProxy`, so a test can take the database
 * away (`proxy.stop()`) under a running channel. `close()` flushes the channel, then closes its pool and proxy.
 */
export async function proxiedEmailChannel(t: TestApp, logger: Logger) {
  const target = new URL(t.db.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const database = openDatabase(viaProxy(t.db.url, proxy), 4);
  const services = createServices(t.config, database, t.keys);
  const channel = createEmailChannel({
    db: database.db,
    keys: t.keys,
    intake: services.intake,
    evidence: services.evidence,
    mailer: services.mailer,
    reportAddresses: t.config.REPORT_ADDRESSES,
    logger,
  });
  return {
    proxy,
    channel,
    close: async () => {
      await channel.flush();
      await database.close();
      await proxy.close();
    },
  };
}
