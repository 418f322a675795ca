// Tests: ./task-routes.test.ts

import type { SimModel } from '../state.js';
import { resolveItem, resolveList } from './model-users.js';
import type { TaskResult } from './store.js';

type SimAction = SimModel['actions'][number];

/**
 * Runs an "other" action. `DELETE_BY_SELECTION` deletes the selected items from the list, and with them every
 * selective-access assignment to those items. Other action types complete without changing anything.
 */
export function runDeleteAction(model: SimModel, action: SimAction): TaskResult {
  const result: TaskResult = { objectId: action.id, successful: true, failureDumpAvailable: false };
  if (action.actionType !== 'DELETE_BY_SELECTION') {
    result.details = [
      {
        type: 'taskElementSucceeded',
        occurrences: 0,
        localMessageText: `${action.name} completed`,
        values: [],
      },
    ];
    return result;
  }
  const list = action.listName === undefined ? undefined : resolveList(model, action.listName);
  if (!list) {
    result.successful = false;
    result.details = [
      {
        type: 'failedToLocateHierarchy',
        occurrences: 1,
        localMessageText: `Unknown list: ${action.listName ?? '(none)'}`,
        values: [],
      },
    ];
    return result;
  }
  const deleted = (action.items ?? [])
    .map((item) => resolveItem(list, item))
    .filter((item): item is string => item !== undefined);
  list.items = list.items.filter((item) => !deleted.includes(item));
  for (const user of model.users.values()) {
    const access = user.selectiveAccess[list.name];
    if (!access) continue;
    access.read = access.read.filter((item) => !deleted.includes(item));
    access.write = access.write.filter((item) => !deleted.includes(item));
    if (access.read.length === 0 && access.write.length === 0) delete user.selectiveAccess[list.name];
  }
  result.details = [
    {
      type: 'deleteFromSelectionSucceeded',
      occurrences: 0,
      localMessageText: `${list.name}: ${deleted.length} items deleted`,
      values: ['hierarchyName', list.name, 'deletedCount', String(deleted.length)],
    },
  ];
  return result;
}
