// Tests: ../../model/action-resource.test.ts, ../../model/files-resource.test.ts
import { z } from 'zod';
import type {
  ActionDefinition,
  ExportDefinition,
  ExportMetadata,
  FileChunk,
  ImportDefinition,
  ImportMetadata,
  ModelFile,
  ModelStatus,
  ProcessDefinition,
  ProcessMetadata,
} from '../../model/model-object-types.js';
import { idSchema, openEnum } from './primitives.js';

/** @internal */
export const importDefinitionSchema: z.ZodType<ImportDefinition> = z.looseObject({
  id: idSchema,
  name: z.string(),
  importDataSourceId: idSchema.optional(),
  importType: openEnum([
    'MODULE_DATA',
    'HIERARCHY_DATA',
    'LINE_ITEM_DEFINITION',
    'USERS',
    'VERSIONS',
  ]).optional(),
});

/** @internal */
export const exportDefinitionSchema: z.ZodType<ExportDefinition> = z.looseObject({
  id: idSchema,
  name: z.string(),
  exportType: z.string().optional(),
  exportFormat: z.string().optional(),
  encoding: z.string().optional(),
  layout: z.string().optional(),
});

/** @internal */
export const processDefinitionSchema: z.ZodType<ProcessDefinition> = z.looseObject({
  id: idSchema,
  name: z.string(),
});

/** @internal */
export const actionDefinitionSchema: z.ZodType<ActionDefinition> = z.looseObject({
  id: idSchema,
  name: z.string(),
  actionType: z.string().optional(),
});

/** @internal */
export const modelFileSchema: z.ZodType<ModelFile> = z.looseObject({
  id: idSchema,
  name: z.string(),
  chunkCount: z.number().optional(),
  delimiter: z.string().optional(),
  encoding: z.string().optional(),
  firstDataRow: z.number().optional(),
  format: z.string().optional(),
  headerRow: z.number().optional(),
  separator: z.string().optional(),
});

/** @internal */
export const fileChunkSchema: z.ZodType<FileChunk> = z.looseObject({
  id: idSchema,
  name: z.string().optional(),
});

/** @internal */
export const importMetadataSchema: z.ZodType<ImportMetadata> = z.looseObject({
  name: z.string().optional(),
  type: z.string().optional(),
  source: z
    .looseObject({
      textEncoding: z.string().optional(),
      columnSeparator: z.string().optional(),
      textDelimiter: z.string().optional(),
      headerRow: z.number().optional(),
      firstDataRow: z.number().optional(),
      headerNames: z.array(z.string()).optional(),
      columnCount: z.number().optional(),
    })
    .optional(),
});

/** @internal */
export const exportMetadataSchema: z.ZodType<ExportMetadata> = z.looseObject({
  columnCount: z.number().optional(),
  dataTypes: z.array(z.string()).optional(),
  delimiter: z.string().optional(),
  encoding: z.string().optional(),
  exportFormat: z.string().optional(),
  headerNames: z.array(z.string()).optional(),
  listNames: z.array(z.string()).optional(),
  rowCount: z.number().optional(),
  separator: z.string().optional(),
});

/** @internal */
export const processMetadataSchema: z.ZodType<ProcessMetadata> = z.looseObject({
  name: z.string().optional(),
  actions: z
    .array(z.looseObject({ id: idSchema, name: z.string().optional(), actionType: z.string().optional() }))
    .optional(),
});

/** @internal */
export const modelStatusSchema: z.ZodType<ModelStatus> = z.looseObject({
  currentStep: z.string().optional(),
  progress: z.number().optional(),
  tooltip: z.string().nullable().optional(),
  taskId: z.string().nullable().optional(),
  creationTime: z.number().optional(),
  peakMemoryUsageEstimate: z.number().nullable().optional(),
  peakMemoryUsageTime: z.number().nullable().optional(),
  exportTaskType: z.string().nullable().optional(),
});
