import { Command } from 'commander';
import { verifyAudit } from '../platform/audit/audit.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { describeError } from '../platform/errors.js';
import { createLogger } from '../platform/logger.js';
import { progressBar } from '../platform/progress.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { seedDemo } from '../seed.js';
import { serve } from '../serve.js';

async function withRuntime(action: (runtime: Runtime) => Promise<void>, keepOpen = false): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(config, logger);
  try {
    await action(runtime);
  } finally {
    if (!keepOpen) await runtime.close();
  }
}

const program = new Command()
  .name('qinglang')
  .description('Qinglang (清朗): public reporting of online harms')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(() => withRuntime(serve, true));

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() =>
    withRuntime(async () => {
      process.stdout.write('migrations applied\n');
    }),
  );

program
  .command('seed-demo')
  .description('add the demo departments and the shipped categories (only what is missing)')
  .action(() =>
    withRuntime(async ({ database }) => {
      const seeded = await seedDemo(database.db);
      process.stdout.write(`seeded ${seeded.categories} categories and ${seeded.departments} departments\n`);
    }),
  );

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('walk every hash chain and name the first broken entry (exit code 2 when broken)')
  .action(() =>
    withRuntime(async ({ database }) => {
      const bar = progressBar('verifying audit log');
      const result = await verifyAudit(database.db, (done, total) => bar.update(done, total));
      bar.stop();
      if (result.ok) {
        process.stdout.write(`audit log intact: ${result.entries} entries verified\n`);
        return;
      }
      const where =
        result.brokenSeq === null ? `the end of chain ${result.chain}` : `entry seq ${result.brokenSeq}`;
      process.stdout.write(`audit log BROKEN at ${where} (chain ${result.chain}): ${result.reason}\n`);
      process.exitCode = 2;
    }),
  );

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`qinglang: ${JSON.stringify(describeError(err), null, 2)}\n`);
  }
  process.exit(1);
});
