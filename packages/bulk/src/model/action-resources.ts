// Tests: ./action-resource.test.ts
import type { ModelScope } from '../internal/model-scope.js';
import {
  actionDefinitionSchema,
  exportDefinitionSchema,
  exportMetadataSchema,
  importDefinitionSchema,
  importMetadataSchema,
  processDefinitionSchema,
  processMetadataSchema,
} from '../internal/schemas/model-object-schemas.js';
import { ActionResource } from './action-resource.js';
import type {
  ActionDefinition,
  ExportDefinition,
  ExportMetadata,
  ImportDefinition,
  ImportMetadata,
  ProcessDefinition,
  ProcessMetadata,
} from './model-object-types.js';

/**
 * The model's imports (`…/imports`). An import reads the file named by its `importDataSourceId`: upload to that
 * file, then run the import — or let `model.runImport` do both.
 */
export class ImportsResource extends ActionResource<ImportDefinition, ImportMetadata> {
  /** @internal */
  constructor(scope: ModelScope) {
    super(scope, 'imports', importDefinitionSchema, { key: 'importMetadata', schema: importMetadataSchema });
  }
}

/** The model's exports (`…/exports`). An export writes the file with the same id as the export. */
export class ExportsResource extends ActionResource<ExportDefinition, ExportMetadata> {
  /** @internal */
  constructor(scope: ModelScope) {
    super(scope, 'exports', exportDefinitionSchema, { key: 'exportMetadata', schema: exportMetadataSchema });
  }
}

/** The model's processes (`…/processes`): named sequences of imports, exports and other actions. */
export class ProcessesResource extends ActionResource<ProcessDefinition, ProcessMetadata> {
  /** @internal */
  constructor(scope: ModelScope) {
    super(scope, 'processes', processDefinitionSchema, {
      key: 'processMetadata',
      schema: processMetadataSchema,
    });
  }
}

/** The model's other actions (`…/actions`), such as "delete from list using selection". */
export class ActionsResource extends ActionResource<ActionDefinition, ActionDefinition> {
  /** @internal */
  constructor(scope: ModelScope) {
    super(scope, 'actions', actionDefinitionSchema, undefined);
  }
}
