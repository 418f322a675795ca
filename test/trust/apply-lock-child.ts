// A second process for the apply-lock test: one reconcile of the rename tenant holding a lock file, against the
// parent's simulator. Its writes wait for the parent's 'go'; it tells the parent 'holding' when its first write is
// reached (the lock is then held), and sends its outcome at the end.
// Usage: node --import ../faults/source-hooks.mjs apply-lock-child.ts '<urls json>' <lock path> <users>
import { fileLock, isPlanRefusedError, reconcile } from '@anaplan-access/reconcile';
import { connectTarget, type TenantUrls } from '../faults/fault-tenant.js';
import { renameDesired, trackedTarget } from './apply-tenant.js';

const [urls, path, users] = process.argv.slice(2);
if (urls === undefined || path === undefined || users === undefined)
  throw new Error('usage: apply-lock-child.ts <urls> <lock path> <users>');
const send = (message: string) => process.send?.(message);
let go: () => void = () => {};
const released = new Promise<void>((resolve) => {
  go = resolve;
});
process.on('message', (message) => {
  if (message === 'go') go();
});

const connected = connectTarget(JSON.parse(urls) as TenantUrls);
let told = false;
const target = trackedTarget(connected.target, async () => {
  if (!told) {
    told = true;
    send('holding');
  }
  await released;
});
const outcome = await reconcile({
  desired: renameDesired(Number(users)),
  target,
  lock: fileLock({ path }),
}).then(
  ({ result }) => result?.outcome ?? 'nothing to do',
  (error: unknown) => (isPlanRefusedError(error) ? `refused: ${error.reason}` : `error: ${String(error)}`),
);
await connected.close();
send(outcome);
process.disconnect?.();
