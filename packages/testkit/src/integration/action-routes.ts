import type { RouteContext } from '../internal/router.js';
import type { SimModel } from '../state.js';
import { findAction } from './action-runner.js';
import type { IntegrationApi } from './api.js';
import { ApiFailure, lenientSort, pageOf, schemaUrl, sendEnvelope } from './envelope.js';
import { buildExport } from './export-engine.js';

type SimImport = SimModel['imports'][number];
type SimExport = SimModel['exports'][number];

const exportType = 'TABULAR_MULTI_COLUMN';

/** An entry of `GET .../imports`. */
export function importJson(definition: SimImport): Record<string, unknown> {
  return {
    id: definition.id,
    name: definition.name,
    importDataSourceId: definition.fileId,
    importType: definition.importType,
  };
}

/** An entry of `GET .../exports`. */
export function exportJson(definition: SimExport): Record<string, unknown> {
  return {
    id: definition.id,
    name: definition.name,
    exportType,
    exportFormat: definition.exportFormat ?? 'text/csv',
    encoding: 'UTF-8',
    layout: exportType,
  };
}

/**
 * Registers the action listings and metadata: `imports`, `exports`, `processes`, `actions` (other actions) and
 * `imports/{id}`, `exports/{id}`, `processes/{id}`, in both path forms.
 */
export function registerActionRoutes(api: IntegrationApi): void {
  const { context } = api;

  const list = <T extends { id: string; name: string }>(
    kind: string,
    key: string,
    items: (model: SimModel) => T[],
    json: (item: T) => Record<string, unknown>,
  ) => {
    api.onModel('GET', `/${kind}`, (route) => {
      const { model } = api.modelRequest(route);
      const sorted = lenientSort(items(model), route.url, {
        id: (item) => item.id,
        name: (item) => item.name,
      });
      const { items: page, paging } = pageOf(sorted, route, context);
      sendEnvelope(route, schemaUrl(context, key, model.id), { [kind]: page.map(json) }, paging);
    });
  };
  list('imports', 'import', (model) => model.imports, importJson);
  list('exports', 'export', (model) => model.exports, exportJson);
  list(
    'processes',
    'process',
    (model) => model.processes,
    (process) => ({ id: process.id, name: process.name }),
  );
  list(
    'actions',
    'action',
    (model) => model.actions,
    (action) => ({ id: action.id, name: action.name, actionType: action.actionType }),
  );

  const find = <T extends { id: string }>(items: T[], route: RouteContext, param: string): T => {
    const found = items.find((item) => item.id === route.params[param]);
    if (!found) throw new ApiFailure(404, 'Not Found');
    return found;
  };

  api.onModel('GET', '/imports/:importId', (route) => {
    const { model } = api.modelRequest(route);
    const definition = find(model.imports, route, 'importId');
    const headerRow = definition.headerRow ?? 1;
    const headerNames = Object.keys(definition.columns);
    sendEnvelope(route, schemaUrl(context, 'importMetadata', model.id), {
      importMetadata: {
        name: definition.name,
        type: 'FILE',
        source: {
          textEncoding: 'UTF-8',
          columnSeparator: definition.separator ?? ',',
          textDelimiter: '"',
          headerRow,
          firstDataRow: headerRow + 1,
          decimalSeparator: '.',
          headerNames,
          columnCount: headerNames.length,
        },
      },
    });
  });

  api.onModel('GET', '/exports/:exportId', (route) => {
    const { model } = api.modelRequest(route);
    const definition = find(model.exports, route, 'exportId');
    const table = buildExport(model, definition);
    sendEnvelope(route, schemaUrl(context, 'exportMetadata', model.id), {
      exportMetadata: {
        columnCount: table.header.length,
        dataTypes: table.dataTypes,
        delimiter: '"',
        encoding: 'UTF-8',
        exportFormat: definition.exportFormat ?? 'text/csv',
        headerNames: table.header,
        listNames: table.listNames,
        rowCount: table.rows.length,
        separator: ',',
        layout: exportType,
      },
    });
  });

  api.onModel('GET', '/processes/:processId', (route) => {
    const { model } = api.modelRequest(route);
    const process = find(model.processes, route, 'processId');
    const showSource = route.url.searchParams.get('showImportDataSource') === 'true';
    const actions = process.actions.map((reference) => {
      const action = findAction(model, reference);
      if (action?.kind === 'imports') {
        const definition = model.imports.find((candidate) => candidate.id === action.id) as SimImport;
        return {
          ...importJson(definition),
          actionType: 'IMPORT',
          ...(showSource
            ? { importDataSource: { importDataSourceId: definition.fileId, type: 'FILE' } }
            : {}),
        };
      }
      if (action?.kind === 'exports') {
        const definition = model.exports.find((candidate) => candidate.id === action.id) as SimExport;
        return { ...exportJson(definition), actionType: 'EXPORT' };
      }
      const other = model.actions.find((candidate) => candidate.id === action?.id);
      return {
        id: other?.id ?? reference,
        name: other?.name ?? reference,
        actionType: other?.actionType ?? 'UNKNOWN',
      };
    });
    sendEnvelope(route, schemaUrl(context, 'process'), { processMetadata: { name: process.name, actions } });
  });
}
