import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { adoptCurrentAccess, type Inventory, inventory, renderInventory } from '@anaplan-access/reconcile';
import { openTenant } from './tenant.ts';

/** What the review wrote. */
export interface AccessReviewOutcome {
  exitCode: 0 | 1;
  /** The files written, by kind. */
  files: Record<'html' | 'csv' | 'markdown' | 'json' | 'adopted', string> | undefined;
  inventory: Inventory | undefined;
}

/** The previous run's inventory, when `REPORT_DIR/inventory.json` exists: the report shows what changed since. */
async function previousInventory(path: string): Promise<Inventory | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Inventory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * An access review: takes an inventory of the tenant (who has what in each model, last logins, licences), writes it
 * to `REPORT_DIR` (default: the working directory) as `access-review.html` (open it in a browser, no network
 * needed), `access-review.csv`, `access-review.md`, `inventory.json` (kept for the next run's "changes since"),
 * and `adopted-access.csv`: today's access in the format `csvSource` reads, to start managing access as code.
 * `DORMANT_AFTER_DAYS` (default 90) sets when a user counts as dormant, and users within `NOTICE_DAYS` (default 14)
 * of it are listed as "dormant soon". It changes nothing in Anaplan.
 */
export async function runAccessReview(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<AccessReviewOutcome> {
  const tenant = await openTenant(env).catch((error: unknown) => {
    print(`Could not open the tenant: ${(error as Error).message}`);
    return undefined;
  });
  if (!tenant) return { exitCode: 1, files: undefined, inventory: undefined };
  try {
    print(`Reviewing ${tenant.description}.`);
    const directory = resolve(env.REPORT_DIR ?? '.');
    await mkdir(directory, { recursive: true });
    const dormantAfterDays = Number(env.DORMANT_AFTER_DAYS ?? 90);
    const noticeDays = Number(env.NOTICE_DAYS ?? 14);
    const files = {
      html: join(directory, 'access-review.html'),
      csv: join(directory, 'access-review.csv'),
      markdown: join(directory, 'access-review.md'),
      json: join(directory, 'inventory.json'),
      adopted: join(directory, 'adopted-access.csv'),
    };
    const since = await previousInventory(files.json);
    const taken = await inventory(tenant.target, { administration: tenant.administration });
    const options = { since, dormantAfterDays, noticeDays, title: 'Anaplan access review' };
    await writeFile(files.html, renderInventory(taken, { format: 'html', ...options }));
    await writeFile(files.csv, renderInventory(taken, { format: 'csv', ...options }));
    await writeFile(files.markdown, renderInventory(taken, { format: 'markdown', ...options }));
    await writeFile(files.json, `${JSON.stringify(taken, null, 2)}\n`);
    const adopted = adoptCurrentAccess(taken, { reference: 'name' });
    await writeFile(files.adopted, adopted.csv);
    print(
      `${taken.users.length} users, ${taken.access.length} model accesses in ${taken.models.length} models${since ? `; compared with the inventory of ${since.takenAt}` : ''}.`,
    );
    if (!taken.licences.known) print(`Licences unknown: ${taken.licences.reason}`);
    print(`Report: ${files.html}`);
    print(`Today's access of ${adopted.users} users as an access file: ${files.adopted}`);
    return { exitCode: 0, files, inventory: taken };
  } catch (error) {
    print(`The review failed: ${(error as Error).message}`);
    return { exitCode: 1, files: undefined, inventory: undefined };
  } finally {
    await tenant.close();
  }
}
