import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

export interface RunningServer {
  url: string;
  db: TestDatabase;
  /** Everything the server printed (for failure messages). */
  output: () => string;
  stop(): Promise<void>;
}

let built = false;

/** Builds the web apps once per run (`vite build` into dist/web), as `npm run build` does. */
export function buildWeb(): void {
  if (built && existsSync('dist/web/index.html')) return;
  const run = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    encoding: 'utf8',
    // A production build whatever the test runner's NODE_ENV is.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  built = true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (`qinglang serve`, a child process) on a free port against a fresh test database
 * (a clone of the migrated, seeded template), serving the built portal. Proof of work is on, as in production.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  buildWeb();
  const db = await createTestDatabase();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli/main.ts', 'serve'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        MASTER_KEY: randomBytes(32).toString('base64'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        POW_DIFFICULTY: '16',
        // The e-mail channel is not under test here, and its fixed port would clash between servers.
        SMTP_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    db,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
