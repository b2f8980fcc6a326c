import { AppError } from '../../platform/errors.js';
import type { Runtime } from '../../runtime.js';
import { createServices } from '../../services.js';
import { isRole, type TRole } from './access.policy.js';

export interface TCreateUserOptions {
  username: string;
  department: string;
  roles: string;
  displayName?: string;
}

/**
 * `qinglang create-user`: creates an account from the command line (the first administrator). The password
 * comes from QINGLANG_PASSWORD, or is generated and printed once. Returns the process exit code.
 */
export async function createUserCommand(
  runtime: Runtime,
  options: TCreateUserOptions,
  env: NodeJS.ProcessEnv = process.env,
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const roles = options.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length) {
    out(`unknown role(s): ${unknown.join(', ') || '(none given)'}\n`);
    return 1;
  }
  const services = createServices(runtime.config, runtime.database, runtime.keys);
  const password = env.QINGLANG_PASSWORD || undefined;
  try {
    const created = await services.staff.create(
      null,
      {
        username: options.username,
        displayName: options.displayName,
        departmentCode: options.department,
        roles: roles as TRole[],
        password,
      },
      'en',
    );
    out(
      `created ${created.user.username} (${created.user.roles.join(',')}) in ${created.user.departmentCode}\n`,
    );
    if (created.initialPassword) out(`initial password (shown once): ${created.initialPassword}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = err.fields?.map((f) => `  ${f.path}: ${f.message}`).join('\n') ?? '';
    out(`could not create the user: ${err.code}${details ? `\n${details}` : ''}\n`);
    return 1;
  }
}
