// The process the kill test SIGKILLs: one reconcile run of the fault tenant, with an audit log, against a simulator
// that lives in the parent. Usage: node --import ./source-hooks.mjs reconcile-child.ts '<urls json>' <audit path>
import { jsonLinesAuditLog, reconcile } from '@anaplan-access/reconcile';
import { connectTarget, faultDesired, faultPolicy, type TenantUrls } from './fault-tenant.js';

const [urls, auditPath] = process.argv.slice(2);
if (urls === undefined || auditPath === undefined)
  throw new Error('usage: reconcile-child.ts <urls> <audit path>');
const connected = connectTarget(JSON.parse(urls) as TenantUrls);
const { result } = await reconcile({
  desired: faultDesired(),
  target: connected.target,
  policy: faultPolicy,
  audit: jsonLinesAuditLog(auditPath),
});
await connected.close();
process.stdout.write(`${result?.outcome ?? 'nothing to do'}\n`);
