// Builds the web apps before `npm start` when dist/web is missing (a fresh clone), so
// `npm install && npm start` serves the portal. An existing build is left as it is: `npm run build` rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/web/index.html')) {
  process.stdout.write('dist/web is missing: building the web apps (vite build)…\n');
  const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
