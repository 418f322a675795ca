// Tests: ./model-routes.test.ts, test/fidelity/model-states.test.ts

import type { SimModel } from '../state.js';
import { ApiFailure } from './envelope.js';

/**
 * Refuses a write to a model its `activeState` does not allow, with the status the Integration API documents:
 * 422 archived, 423 locked, 424 offline for maintenance. Reads of the model's metadata are not affected.
 *
 * @throws {ApiFailure} 422, 423 or 424.
 */
export function requireModelWritable(model: SimModel, what: string): void {
  if (model.state === 'ARCHIVED') throw new ApiFailure(422, `The model is archived: ${what} is not possible`);
  if (model.state === 'LOCKED') throw new ApiFailure(423, `The model is locked: ${what} is not possible`);
  if (model.state === 'MAINTENANCE' || model.state === 'PRODUCTION_MAINTENANCE')
    throw new ApiFailure(424, `The model is offline for maintenance: ${what} is not possible`);
}
