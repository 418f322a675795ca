import type { Finding } from '@anaplan-access/reconcile';
import { isAccessWrite } from '../faults/audit-check.js';
import { type AccessTenant, ids, startAccessTenant, tenantSeed } from '../helpers/access-tenant.js';

/** A deletion guard that lets every plan through, so that a wrong deprovisioning shows instead of being blocked. */
export const roomyGuard = { deletionGuard: { maxCount: 100, maxPercent: 100 } };

/** A tenant where the given people already exist, each in Finance with Viewer access to Budget. */
export function tenantWith(names: string[]): Promise<AccessTenant> {
  return startAccessTenant(
    tenantSeed(
      names.map((name) => ({
        userName: `${name}@corp.example`,
        givenName: name,
        familyName: 'Seeded',
        workspaces: [ids.finance],
      })),
      { budget: names.map((name) => ({ email: `${name}@corp.example`, role: 'Viewer' })) },
    ),
  );
}

/** The finding about `userName`, if any. */
export const findingOf = (findings: Finding[], userName: string): Finding | undefined =>
  findings.find((finding) => finding.userName?.toLowerCase() === userName.toLowerCase());

/** The writes the tenant's simulator received. */
export const writesTo = (tenant: AccessTenant) => tenant.sim.requests.filter(isAccessWrite);
