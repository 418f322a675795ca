import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fastWait, ids, startFixture } from '../test-support/fixture.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

describe('model status, wake and close', () => {
  it('closes, reports Closed, wakes (opening, then open) and reports Open', async () => {
    const { model } = fixture;
    await model.close();
    expect(await model.status()).toMatchObject({ currentStep: 'Closed', progress: -1 });
    expect(await model.wake()).toBe('opening');
    expect(await model.wake()).toBe('open');
    expect(await model.status()).toMatchObject({ currentStep: 'Open', taskId: null });
  });

  it('reports who runs what while the model is busy', async () => {
    fixture.sim.state.switches.holdTasks = true;
    const task = await fixture.model.exports.run(ids.usersExport);
    try {
      const status = await fixture.model.status();
      expect(status).toMatchObject({ currentStep: 'Processing ...', taskId: task.taskId });
      expect(status.tooltip).toContain('Users export');
    } finally {
      fixture.sim.state.switches.holdTasks = false;
    }
    expect((await task.wait(fastWait)).taskState).toBe('COMPLETE');
  });
});
