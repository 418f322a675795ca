/** Known import types; others the server adds later are passed through. */
export type ImportType =
  | 'MODULE_DATA'
  | 'HIERARCHY_DATA'
  | 'LINE_ITEM_DEFINITION'
  | 'USERS'
  | 'VERSIONS'
  | (string & {});

/** An import action from `GET …/imports`. */
export interface ImportDefinition {
  /** 112… */
  id: string;
  name: string;
  /** The file (113…) the import reads when its source is an uploaded file; empty or another id otherwise. */
  importDataSourceId?: string | undefined;
  importType?: ImportType | undefined;
  [field: string]: unknown;
}

/** An export action from `GET …/exports`. Its output file has the same id. */
export interface ExportDefinition {
  /** 116… */
  id: string;
  name: string;
  exportType?: string | undefined;
  exportFormat?: string | undefined;
  encoding?: string | undefined;
  layout?: string | undefined;
  [field: string]: unknown;
}

/** A process from `GET …/processes`. */
export interface ProcessDefinition {
  /** 118… */
  id: string;
  name: string;
  [field: string]: unknown;
}

/** An "other" action (for example delete from list by selection) from `GET …/actions`. */
export interface ActionDefinition {
  /** 117… */
  id: string;
  name: string;
  actionType?: string | undefined;
  [field: string]: unknown;
}

/** A file from `GET …/files`: an import data source (113…) or an export output (116…). */
export interface ModelFile {
  id: string;
  name: string;
  chunkCount?: number | undefined;
  delimiter?: string | undefined;
  encoding?: string | undefined;
  firstDataRow?: number | undefined;
  format?: string | undefined;
  headerRow?: number | undefined;
  separator?: string | undefined;
  [field: string]: unknown;
}

/** One chunk of a file or dump, from `GET …/chunks`. */
export interface FileChunk {
  /** `"0"`, `"1"`, … */
  id: string;
  name?: string | undefined;
  [field: string]: unknown;
}

/** `importMetadata` from `GET …/imports/{id}`. */
export interface ImportMetadata {
  name?: string | undefined;
  /** `FILE` or `MODEL`. */
  type?: string | undefined;
  source?:
    | {
        textEncoding?: string | undefined;
        columnSeparator?: string | undefined;
        textDelimiter?: string | undefined;
        headerRow?: number | undefined;
        firstDataRow?: number | undefined;
        headerNames?: string[] | undefined;
        columnCount?: number | undefined;
        [field: string]: unknown;
      }
    | undefined;
  [field: string]: unknown;
}

/** `exportMetadata` from `GET …/exports/{id}`. */
export interface ExportMetadata {
  columnCount?: number | undefined;
  dataTypes?: string[] | undefined;
  delimiter?: string | undefined;
  encoding?: string | undefined;
  exportFormat?: string | undefined;
  headerNames?: string[] | undefined;
  listNames?: string[] | undefined;
  rowCount?: number | undefined;
  separator?: string | undefined;
  [field: string]: unknown;
}

/** `processMetadata` from `GET …/processes/{id}`. */
export interface ProcessMetadata {
  name?: string | undefined;
  actions?: {
    id: string;
    name?: string | undefined;
    actionType?: string | undefined;
    [field: string]: unknown;
  }[];
  [field: string]: unknown;
}

/** `requestStatus` from `GET /models/{id}/status`: what the model is doing now. */
export interface ModelStatus {
  /** `Open`, `Closed`, `Closing`, `Processing ...` … */
  currentStep?: string | undefined;
  /** 0–1, or -1 when the model is idle. */
  progress?: number | undefined;
  /** Names the user running an import or export while the model is busy. */
  tooltip?: string | null | undefined;
  taskId?: string | null | undefined;
  creationTime?: number | undefined;
  peakMemoryUsageEstimate?: number | null | undefined;
  peakMemoryUsageTime?: number | null | undefined;
  exportTaskType?: string | null | undefined;
  [field: string]: unknown;
}
