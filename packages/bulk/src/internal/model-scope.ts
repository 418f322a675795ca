// Tests: ../model/model-client.test.ts
import { type ApiClient, segment } from './api-client.js';

/** What every model resource shares: the API and the model's path prefix. @internal */
export interface ModelScope {
  readonly api: ApiClient;
  readonly workspaceId: string;
  readonly modelId: string;
  /** `/workspaces/{w}/models/{m}` */
  readonly basePath: string;
}

/** @internal */
export function modelScope(api: ApiClient, workspaceId: string, modelId: string): ModelScope {
  return {
    api,
    workspaceId,
    modelId,
    basePath: `/workspaces/${segment(workspaceId)}/models/${segment(modelId)}`,
  };
}
