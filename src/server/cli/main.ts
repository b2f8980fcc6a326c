import { Command } from 'commander';
import { runJobs } from '../jobs.js';
import { createUserCommand, type TCreateUserOptions } from '../modules/org/staff.cli.js';
import {
  addWorkingDaysCommand,
  calendarOfDepartment,
  isWorkingDayCommand,
  type TDepartmentCalendar,
} from '../modules/sla/calendar.cli.js';
import { verifyAudit } from '../platform/audit/audit.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { rotateMasterKey } from '../platform/crypto/rotate.js';
import { describeError } from '../platform/errors.js';
import { createLogger } from '../platform/logger.js';
import { progressBar } from '../platform/progress.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { seedDemo } from '../seed.js';
import { serve } from '../serve.js';
import { createServices } from '../services.js';

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
  .command('worker')
  .description('run background jobs only (with JOBS=separate on the servers, to scale jobs out)')
  .action(() =>
    withRuntime(async (runtime) => {
      const services = createServices(runtime.config, runtime.database, runtime.keys);
      const worker = await runJobs(runtime.config, runtime.database, services, runtime.logger);
      runtime.logger.info('worker running');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await worker.stop();
    }),
  );

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() =>
    withRuntime(async () => {
      process.stdout.write('migrations applied\n');
    }),
  );

program
  .command('create-user')
  .description('create a staff account (password from QINGLANG_PASSWORD, or generated and printed once)')
  .requiredOption('--username <name>', 'user name')
  .requiredOption('--department <code>', 'department code, e.g. CN or GD')
  .requiredOption('--roles <roles>', 'comma-separated roles, e.g. admin or handler,supervisor')
  .option('--display-name <name>', 'display name')
  .action((options: TCreateUserOptions) =>
    withRuntime(async (runtime) => {
      process.exitCode = await createUserCommand(runtime, options);
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

program
  .command('rotate-master-key')
  .description(
    're-wrap every data key under MASTER_KEY (the new key), unwrapping with MASTER_KEY_PREVIOUS; resumable',
  )
  .action(() =>
    withRuntime(async ({ database, keys }) => {
      const bar = progressBar('re-wrapping data keys');
      const result = await rotateMasterKey(database.db, keys.keyring, (p) => bar.update(p.done, p.total));
      bar.stop();
      process.stdout.write(
        `${result.done} data keys re-wrapped under master key ${keys.master.id}; ` +
          'every record is now under it: MASTER_KEY_PREVIOUS can be removed.\n',
      );
    }),
  );

const calendar = program
  .command('calendar')
  .description('the working-day calendar (statutory holidays, 调休, closures)');
calendar
  .command('add-working-days')
  .description(
    'print the date N working days after DATE (YYYY-MM-DD or an ISO instant); --department: its zone and closed days',
  )
  .argument('<date>')
  .argument('<n>')
  .option('--department <code>', 'department code, e.g. GD')
  .action(async (date: string, n: string, options: { department?: string }) => {
    const run = async (cal?: TDepartmentCalendar) => {
      process.stdout.write(addWorkingDaysCommand(date, n, cal));
    };
    if (options.department) {
      const code = options.department;
      await withRuntime(async (runtime) => run(await calendarOfDepartment(runtime, code)));
    } else await run();
  });
calendar
  .command('is-working-day')
  .description('say whether DATE (YYYY-MM-DD) is a working day')
  .argument('<date>')
  .option('--department <code>', 'department code, e.g. GD')
  .action(async (date: string, options: { department?: string }) => {
    const run = async (cal?: TDepartmentCalendar) => {
      process.stdout.write(isWorkingDayCommand(date, cal).text);
    };
    if (options.department) {
      const code = options.department;
      await withRuntime(async (runtime) => run(await calendarOfDepartment(runtime, code)));
    } else await run();
  });

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
