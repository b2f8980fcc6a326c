import type { Runner, TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { TNoticeJob } from './modules/notifications/reporter-notice.service.js';
import type { TConfig } from './platform/config.js';
import type { Database } from './platform/db/pool.js';
import { startWorker } from './platform/jobs/jobs.js';
import type { Services } from './services.js';

/**
 * Periodic tasks (graphile-worker crontab; times in UTC — 19:00 UTC is 03:00 in Beijing). `?max=1`: a run
 * missed while no worker was up is not repeated once per missed slot.
 */
export const CRONTAB = [
  '15 * * * * housekeeping ?max=1',
  '0 19 * * * purge_retention ?max=1',
  // Deadlines: reminders, overdue flags, supervision items (each once); staff digests at 08:00 Beijing.
  '* * * * * sla_open ?max=1',
  '*/5 * * * * sla_sweep ?max=1',
  '0 0 * * * notify_digest ?max=1',
  // E-mail acknowledgements owed but not sent (process died after the commit, relay down): issue 6.
  '* * * * * email_acks ?max=1',
].join('\n');

/** Every background task, by name. Tasks are thin: they call services. */
export function createTaskList(services: Services): TaskList {
  return {
    housekeeping: async () => {
      await services.housekeeping.run();
    },
    purge_retention: async (_payload, helpers) => {
      const result = await services.retention.purgeDue();
      helpers.logger.info(`retention: purged ${result.cases} cases`);
    },
    // Every minute: deadlines of the cases the trigger on `cases` queued, then the acknowledgement of every
    // consenting report submitted since the last run (new cases and reports that joined one).
    sla_open: async () => {
      while ((await services.sla.openPending()) > 0);
      await services.sla.acknowledgeNew();
    },
    sla_sweep: async (_payload, helpers) => {
      const result = await services.slaSweep.run();
      if (result.reminders + result.overdue + result.supervision > 0)
        helpers.logger.info(`sla sweep: ${JSON.stringify(result)}`);
    },
    notify_staff_email: async (payload) => {
      await services.notifications.sendImmediate((payload as { id: number }).id);
    },
    notify_digest: async () => {
      await services.notifications.sendDigests();
    },
    // Outcome notifications to partners (issue 6), queued in the decision's transaction; retried with backoff.
    partner_webhook: async (payload, helpers) => {
      const final = helpers.job.attempts >= helpers.job.max_attempts;
      await services.partners.deliver((payload as { deliveryId: string }).deliveryId, final);
    },
    email_acks: async (_payload, helpers) => {
      const result = await services.emailAcks.retryDue();
      if (result.sent + result.failed + result.expired > 0)
        helpers.logger.info(`e-mail acknowledgements: ${JSON.stringify(result)}`);
    },
    notify_reporter: async (payload) => {
      await services.reporterNotices.send(payload as TNoticeJob);
    },
  };
}

export function runJobs(
  config: TConfig,
  database: Database,
  services: Services,
  logger: Logger,
): Promise<Runner> {
  return startWorker({
    pool: database.pool,
    logger,
    tasks: createTaskList(services),
    crontab: CRONTAB,
    concurrency: config.WORKER_CONCURRENCY,
  });
}
