// Run by key-material.test.ts under Node's permission model, which lets it write to one directory only: a whole
// reconcile with certificateAuth (private key and passphrase from the environment). Any attempt to write a file
// elsewhere — a key, a certificate, a cache — fails the run with ERR_ACCESS_DENIED.
// Usage: node --permission --allow-fs-read=* --allow-fs-write=<dir> --import ../faults/source-hooks.mjs
//        certificate-child.ts '<urls json>' <audit path>
import { certificateAuth } from '@anaplan-access/core';
import { jsonLinesAuditLog, reconcile, renderPlan } from '@anaplan-access/reconcile';
import { connectTarget, faultDesired, faultPolicy, type TenantUrls } from '../faults/fault-tenant.js';

const [urls, auditPath] = process.argv.slice(2);
const {
  TEST_CERTIFICATE: certificate,
  TEST_PRIVATE_KEY: privateKey,
  TEST_PASSPHRASE: passphrase,
} = process.env;
if (!urls || !auditPath || !certificate || !privateKey || !passphrase) throw new Error('missing arguments');
const auth = certificateAuth({ certificate, privateKey, passphrase });
const connected = connectTarget(JSON.parse(urls) as TenantUrls, { auth });
const { plan, result } = await reconcile({
  desired: faultDesired(),
  target: connected.target,
  policy: faultPolicy,
  audit: jsonLinesAuditLog(auditPath),
});
await connected.close();
process.stdout.write(`${result?.outcome ?? 'nothing to do'}\n${renderPlan(plan)}`);
