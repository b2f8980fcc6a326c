import type { TPermission } from './access.policy.js';

/** The rows of the authorisation matrix (`access.matrix.ts`) and the fixtures their requests are built from. */
export interface TMatrixFixtures {
  /** A fresh staff account in the actor's subtree (GZ, under the GD actors). */
  staffInScope(): Promise<string>;
  /** A fresh staff account outside it (ZJ). */
  staffOutOfScope(): Promise<string>;
  /** A new case (state received) in GZ, inside the GD actors' scope; and one in HZ, outside it. */
  caseInScope(): Promise<string>;
  caseOutOfScope(): Promise<string>;
  /** A real-name report of such a case, and one piece of (another report's) evidence. */
  reportInScope(): Promise<string>;
  /** The (first) report of a case. */
  reportOfCase(caseId: string): Promise<string>;
  reportOutOfScope(): Promise<string>;
  evidenceInScope(): Promise<string>;
  evidenceOutOfScope(): Promise<string>;
}

export interface TMatrixRequest {
  url: string;
  payload?: unknown;
}

export interface TMatrixRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Fastify registered it (`/api/v1/staff/users/:id`). */
  route: string;
  /** public; any signed-in staff (`staff`); staff still enrolling in TOTP too (`enrolment`); or a permission. */
  access: 'public' | 'staff' | 'enrolment' | TPermission;
  /** The request to send for an actor in scope (default: the route itself, no body). */
  request?: (f: TMatrixFixtures) => Promise<TMatrixRequest>;
  /** The same request aimed at a resource outside the actor's scope: must answer 404. */
  outOfScope?: (f: TMatrixFixtures) => Promise<TMatrixRequest>;
  /** Expected status out of scope (default 404: exactly like a resource that does not exist). */
  outOfScopeStatus?: number;
  /** Expected status when allowed. */
  allowed: number;
}

/** A route under `/api/v1/staff/users/:id` (user.manage; the account in scope vs. one outside it). */
export const userRoute = (
  suffix: string,
  method: TMatrixRow['method'],
  allowed = 200,
  payload?: unknown,
): TMatrixRow => ({
  method,
  route: `/api/v1/staff/users/:id${suffix}`,
  access: 'user.manage',
  request: async (f) => ({ url: `/api/v1/staff/users/${await f.staffInScope()}${suffix}`, payload }),
  outOfScope: async (f) => ({ url: `/api/v1/staff/users/${await f.staffOutOfScope()}${suffix}`, payload }),
  allowed,
});

/** A route under `/api/v1/cases/:id` (the case in scope vs. one outside it). */
export const caseRoute = (
  suffix: string,
  method: TMatrixRow['method'],
  access: TPermission,
  allowed: number,
  payload?: unknown,
): TMatrixRow => ({
  method,
  route: `/api/v1/cases/:id${suffix}`,
  access,
  request: async (f) => ({ url: `/api/v1/cases/${await f.caseInScope()}${suffix}`, payload }),
  outOfScope: async (f) => ({ url: `/api/v1/cases/${await f.caseOutOfScope()}${suffix}`, payload }),
  allowed,
});
