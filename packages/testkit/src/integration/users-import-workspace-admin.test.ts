import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatorSwitches } from '../state.js';
import {
  detailValue,
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
} from '../test-support/integration-harness.js';

// A USERS import whose definition maps a Workspace Administrator column, under each value of the
// importWorkspaceAdmin switch. Anaplan's help says an import cannot set the flag (users import as non-admins; an
// administrator ticks the checkbox in the Users pane), so by default the simulator leaves it as it is.

let harness: IntegrationHarness;
const admin = 'admin@example.com';
const importId = '112000000009';
const fileId = '113000000009';

beforeEach(async () => {
  harness = await startIntegrationHarness();
  harness.sim.state.models.get(ids.model)?.imports.push({
    id: importId,
    name: 'Admins',
    fileId,
    importType: 'USERS',
    separator: ';',
    columns: { Mail: 'email', Role: 'role', Admin: 'workspaceAdmin' },
  });
});
afterEach(() => harness.close());

const modelUser = (email: string) => harness.sim.state.models.get(ids.model)?.users.get(email);
const otherModelUser = (email: string) => harness.sim.state.models.get(ids.otherModel)?.users.get(email);
const workspaceAdmins = () => harness.sim.state.workspaces.get(ids.workspace)?.admins ?? [];
const idOf = (email: string) => harness.sim.state.findUserByName(email)?.id ?? '';

async function importAdmins(switchValue: SimulatorSwitches['importWorkspaceAdmin'] | undefined, csv: string) {
  if (switchValue !== undefined) harness.sim.state.switches.importWorkspaceAdmin = switchValue;
  const put = await harness.call(admin, 'PUT', `${harness.modelPath}/files/${fileId}`, { body: csv });
  expect(put.status).toBe(204);
  const task = await harness.runTask(admin, `${harness.modelPath}/imports/${importId}`);
  const summary = task.result?.details?.find((detail) => detail.type === 'usersRowsProcessed')?.values ?? [];
  const dump = task.result?.failureDumpAvailable
    ? await (
        await harness.call(admin, 'GET', `${harness.modelPath}/imports/${importId}/tasks/${task.taskId}/dump`)
      ).text()
    : undefined;
  return { task, summary, dump };
}

describe('USERS import: the Workspace Administrator column (switch importWorkspaceAdmin)', () => {
  it("ignores it by default ('ignore'): the flag does not change, the rest of the row loads, no warning", async () => {
    expect(harness.sim.state.switches.importWorkspaceAdmin).toBe('ignore');
    const { task, summary, dump } = await importAdmins(
      undefined,
      'Mail;Role;Admin\njane.doe@example.com;Planner;TRUE\nadmin@example.com;;FALSE\nplanner@example.com;;maybe\n',
    );
    expect(task.result).toMatchObject({ successful: true, failureDumpAvailable: false });
    expect(detailValue(summary, 'successRowCount')).toBe('3');
    expect(detailValue(summary, 'warningsRowCount')).toBe('0');
    expect(dump).toBeUndefined();
    expect(modelUser('jane.doe@example.com')).toMatchObject({ role: 'Planner', workspaceAdmin: false });
    expect(modelUser('admin@example.com')?.workspaceAdmin).toBe(true);
    expect(workspaceAdmins()).toEqual([idOf(admin)]);
  });

  it("refuses a row that sets it ('refuse'): a row error in the dump, nothing of the row applied", async () => {
    const { task, summary, dump } = await importAdmins(
      'refuse',
      'Mail;Role;Admin\njane.doe@example.com;Planner;TRUE\nplanner@example.com;Viewer;\n',
    );
    expect(task.result).toMatchObject({ successful: true, failureDumpAvailable: true });
    expect(detailValue(summary, 'successRowCount')).toBe('1');
    expect(detailValue(summary, 'failedCount')).toBe('1');
    expect(task.result?.details?.map((detail) => detail.type)).toContain(
      'usersImportWorkspaceAdminNotImportable',
    );
    expect(dump).toBe(
      [
        '"_Status_","Mail","Role","Admin","_Line_","_Error_1_"',
        `"E","jane.doe@example.com","Planner","TRUE","2","Workspace Administrator cannot be set by import (TRUE); tick it in the model's Users pane"`,
        '',
      ].join('\n'),
    );
    // The refused row changes nothing; a blank cell is not refused.
    expect(modelUser('jane.doe@example.com')).toMatchObject({ role: 'Viewer', workspaceAdmin: false });
    expect(modelUser('planner@example.com')?.role).toBe('Viewer');
    expect(workspaceAdmins()).toEqual([idOf(admin)]);
  });

  it("sets it for the whole workspace ('apply'), for tenants whose import does", async () => {
    const { task } = await importAdmins(
      'apply',
      'Mail;Role;Admin\njane.doe@example.com;;TRUE\nadmin@example.com;;FALSE\n',
    );
    expect(task.result).toMatchObject({ successful: true, failureDumpAvailable: false });
    expect(modelUser('jane.doe@example.com')?.workspaceAdmin).toBe(true);
    expect(modelUser('admin@example.com')?.workspaceAdmin).toBe(false);
    expect(otherModelUser('admin@example.com')?.workspaceAdmin).toBe(false);
    expect(workspaceAdmins()).toEqual([idOf('jane.doe@example.com')]);
  });

  it("checks the value under 'apply' (true or false)", async () => {
    const { summary, dump } = await importAdmins('apply', 'Mail;Role;Admin\njane.doe@example.com;;maybe\n');
    expect(detailValue(summary, 'failedCount')).toBe('1');
    expect(dump).toContain('Invalid Workspace Administrator value: maybe (use true or false)');
    expect(modelUser('jane.doe@example.com')?.workspaceAdmin).toBe(false);
  });
});
