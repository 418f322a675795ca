// Tests: ./task-routes.test.ts

import type { SimModel } from '../state.js';
import { parseCsv } from './csv.js';
import { failedOutcome, type ImportOutcome } from './import-outcome.js';
import { resolveItem, resolveList } from './model-users.js';

type SimImport = SimModel['imports'][number];

/**
 * A minimal HIERARCHY_DATA (list) import: the column mapped to `{ listItem: <list> }` names an item, which is added
 * when the list does not hold it yet. Enough to put a list import into a process; properties are not simulated.
 */
export function runListImport(model: SimModel, definition: SimImport, text: string): ImportOutcome {
  const entry = Object.entries(definition.columns).find(
    ([, target]) => typeof target === 'object' && 'listItem' in target,
  );
  const listName = definition.listName ?? (entry?.[1] as { listItem: string } | undefined)?.listItem;
  const list = listName === undefined ? undefined : resolveList(model, listName);
  if (!entry || !list)
    return failedOutcome('failedToLocateHierarchy', `Unknown list: ${listName ?? '(none)'}`);
  const headerRow = definition.headerRow ?? 1;
  const records = parseCsv(text, definition.separator ?? ',');
  const header = records[headerRow - 1]?.fields.map((name) => name.trim()) ?? [];
  const index = header.indexOf(entry[0]);
  if (index < 0)
    return failedOutcome('missingFields', `Columns missing from the file: ${entry[0]}`, [entry[0]]);
  let created = 0;
  let updated = 0;
  let ignored = 0;
  for (const record of records.slice(headerRow)) {
    const name = (record.fields[index] ?? '').trim();
    if (name === '') {
      ignored += 1;
    } else if (resolveItem(list, name) === undefined) {
      list.items.push(name);
      created += 1;
    } else {
      updated += 1;
    }
  }
  const success = created + updated;
  return {
    successful: true,
    details: [
      {
        type: 'hierarchyRowsProcessed',
        occurrences: 0,
        localMessageText: `${list.name}: ${success} (${created}/${updated}) rows successful, ${ignored} ignored`,
        values: [
          ['hierarchyName', list.name],
          ['successRowCount', success],
          ['successCreateCount', created],
          ['successUpdateCount', updated],
          ['warningsRowCount', 0],
          ['failedCount', 0],
          ['ignoredCount', ignored],
          ['totalRowCount', success + ignored],
          ['createdCount', created],
          ['updatedCount', updated],
        ].flatMap(([name, value]) => [String(name), String(value)]),
      },
    ],
    dump: undefined,
  };
}
