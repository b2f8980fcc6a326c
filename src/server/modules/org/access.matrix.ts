import type { FastifyInstance } from 'fastify';
import { CASES_ROUTES } from './access.matrix.cases.js';
import { CHANNELS_ROUTES } from './access.matrix.channels.js';
import { STAFF_ROUTES } from './access.matrix.staff.js';
import { TARGETS_ROUTES } from './access.matrix.targets.js';
import type { TMatrixRow } from './access.matrix.types.js';

export type { TMatrixFixtures, TMatrixRequest, TMatrixRow } from './access.matrix.types.js';

/**
 * The authorisation matrix: EVERY route of the app, with who may call it (rows by area in
 * `access.matrix.<area>.ts`). `access.matrix.test.ts` expands it over every role × in scope / out of scope,
 * and fails when the app has a route missing here. A module that adds routes adds rows (and, for routes that
 * take a resource, `outOfScope`).
 */
export const ACCESS_MATRIX: TMatrixRow[] = [
  ...STAFF_ROUTES,
  ...CASES_ROUTES,
  ...CHANNELS_ROUTES,
  ...TARGETS_ROUTES,
];

/** Every (method, route) the app serves, read from `printRoutes` (HEAD is Fastify's automatic twin of GET). */
export function collectRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}
