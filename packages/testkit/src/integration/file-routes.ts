import { parseJsonBody, sendBytes, sendEmpty } from '../internal/respond.js';
import type { RouteContext } from '../internal/router.js';
import { isModelAdmin, isTenantAdmin } from './access.js';
import type { IntegrationApi, ModelRequest } from './api.js';
import { ApiFailure, lenientSort, pageOf, schemaUrl, sendEnvelope } from './envelope.js';
import {
  commitUpload,
  fileContent,
  fileJson,
  putChunk,
  readChunkBody,
  retainedPart,
  uploadEncoding,
} from './files.js';
import { newFile, type SimFile } from './store.js';

function findFile(request: ModelRequest, route: RouteContext): SimFile {
  const file = request.runtime.files.get(route.params['fileId'] ?? '');
  if (!file) throw new ApiFailure(404, 'Not Found');
  return file;
}

/** Whether the caller may call `POST …/complete`, per the `uploadCompleteAccess` switch. */
function mayCompleteUploads(api: IntegrationApi, request: ModelRequest): boolean {
  const access = api.context.state.switches.uploadCompleteAccess;
  if (access === 'everyone') return true;
  if (access === 'nobody') return false;
  return isTenantAdmin(request.user) || isModelAdmin(api.context.state, request.user, request.model);
}

function chunkIndex(route: RouteContext): number {
  const raw = route.params['chunkId'] ?? '';
  if (!/^\d+$/.test(raw)) throw new ApiFailure(400, `Invalid chunk id '${raw}'`);
  return Number(raw);
}

/**
 * Files: list, single-request upload (`PUT`, `application/octet-stream`), chunked upload (`POST` chunk count,
 * `PUT .../chunks/{n}` with `application/octet-stream` or `application/x-gzip` — other types are refused with 415
 * unless the `uploadContentTypes` switch is `'any'` — then `POST .../complete` after a chunk count of -1, which only
 * administrators may call by default; a known count commits by itself), download (whole, or chunk list + chunks)
 * and delete. Content uploaded through the API is private to the uploading user.
 *
 * Reads are served in both path forms (the live notes confirm both for the file list, the chunk list and the
 * content); writes (`POST`, `PUT`, `DELETE`, `complete`) only in the workspace-prefixed form, the only one the live
 * notes and the spec show for them: the model-direct form answers 405 (or 404 for `complete`).
 */
export function registerFileRoutes(api: IntegrationApi): void {
  const fileSchema = (request: ModelRequest) => schemaUrl(api.context, 'file', request.model.id);

  api.onModel('GET', '/files', (route) => {
    const request = api.modelRequest(route);
    const files = lenientSort([...request.runtime.files.values()], route.url, {
      id: (file) => file.id,
      name: (file) => file.name,
    });
    const { items, paging } = pageOf(files, route, api.context);
    sendEnvelope(
      route,
      fileSchema(request),
      { files: items.map((file) => fileJson(file, request.user.id)) },
      paging,
    );
  });

  api.onModel('GET', '/files/:fileId', (route) => {
    const request = api.modelRequest(route);
    const content = fileContent(findFile(request, route), request.user.id);
    if (!content) throw new ApiFailure(404, 'Not Found');
    sendBytes(route.response, 200, Buffer.concat(content), 'application/octet-stream');
  });

  api.onModel(
    'POST',
    '/files/:fileId',
    (route) => {
      const request = api.modelRequest(route);
      const body = parseJsonBody(route.body) as { chunkCount?: unknown } | undefined;
      const chunkCount = body?.chunkCount;
      if (typeof chunkCount !== 'number' || !Number.isInteger(chunkCount) || chunkCount < -1)
        throw new ApiFailure(400, "Expected mandatory field 'chunkCount' to be an integer of -1 or more");
      const fileId = route.params['fileId'] ?? '';
      let file = request.runtime.files.get(fileId);
      if (!file) {
        // Anaplan Connect creates a new import data source by posting to a file *name*; an unknown numeric id is 404.
        if (/^\d+$/.test(fileId)) throw new ApiFailure(404, 'Not Found');
        file = newFile(api.context.state.nextId('113'), fileId);
        request.runtime.files.set(file.id, file);
      }
      if (chunkCount === 0) {
        file.uploads.delete(request.user.id);
        file.privateContent.set(request.user.id, []);
      } else {
        file.uploads.set(request.user.id, { chunkCount, chunks: [] });
      }
      sendEnvelope(route, fileSchema(request), { file: fileJson(file, request.user.id) });
    },
    'workspace',
  );

  api.onModel(
    'PUT',
    '/files/:fileId',
    (route) => {
      const request = api.modelRequest(route);
      const file = findFile(request, route);
      uploadEncoding(
        route.request.headers['content-type'],
        'file',
        api.context.state.switches.uploadContentTypes,
      );
      file.uploads.delete(request.user.id);
      const kept = retainedPart(route.body, 0, api.context.state.switches.uploadRetainBytes);
      file.privateContent.set(request.user.id, kept.length > 0 ? [Buffer.from(kept)] : []);
      sendEmpty(route.response, 204);
    },
    'workspace',
  );

  api.onModel(
    'DELETE',
    '/files/:fileId',
    (route) => {
      const request = api.modelRequest(route);
      const file = findFile(request, route);
      file.uploads.delete(request.user.id);
      file.privateContent.delete(request.user.id);
      sendEmpty(route.response, 204);
    },
    'workspace',
  );

  api.onModel('GET', '/files/:fileId/chunks', (route) => {
    const request = api.modelRequest(route);
    const content = fileContent(findFile(request, route), request.user.id) ?? [];
    const chunks = content.map((_chunk, index) => ({ id: String(index), name: `Chunk ${index}` }));
    const { items, paging } = pageOf(chunks, route, api.context);
    // Live probes: the `chunks` key is omitted entirely when the file has no content.
    sendEnvelope(
      route,
      schemaUrl(api.context, 'chunk', request.model.id),
      items.length > 0 ? { chunks: items } : {},
      paging,
    );
  });

  api.onModel('GET', '/files/:fileId/chunks/:chunkId', (route) => {
    const request = api.modelRequest(route);
    const file = findFile(request, route);
    const chunk = fileContent(file, request.user.id)?.[chunkIndex(route)];
    if (!chunk) throw new ApiFailure(404, 'Not Found');
    sendBytes(route.response, 200, chunk, 'application/octet-stream');
  });

  api.onModel(
    'PUT',
    '/files/:fileId/chunks/:chunkId',
    (route) => {
      const request = api.modelRequest(route);
      const file = findFile(request, route);
      const index = chunkIndex(route);
      const encoding = uploadEncoding(
        route.request.headers['content-type'],
        'chunk',
        api.context.state.switches.uploadContentTypes,
      );
      const body = readChunkBody(route.body, encoding);
      putChunk(file, request.user.id, index, body, api.context.state.switches.uploadRetainBytes);
      sendEmpty(route.response, 204);
    },
    'workspace',
  );

  api.onModel(
    'POST',
    '/files/:fileId/complete',
    (route) => {
      const request = api.modelRequest(route);
      const file = findFile(request, route);
      if (!mayCompleteUploads(api, request))
        // Live probes: a standard Integration API user gets a bare 500 here, though setting the chunk count and
        // uploading chunks work. An upload with a known chunk count commits without this call.
        throw new ApiFailure(500, 'Internal Server Error');
      commitUpload(file, request.user.id);
      sendEnvelope(route, fileSchema(request), { file: fileJson(file, request.user.id) });
    },
    'workspace',
  );
}
