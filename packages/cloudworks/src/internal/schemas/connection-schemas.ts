// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { z } from 'zod';
import type { CloudWorksConnection } from '../../connections/connection-types.js';
import { idSchema, optionalNumber, optionalText } from './envelope.js';

/** Fields that hold a credential in a connection body: never kept from an answer. @internal */
export const secretFields = [
  'sasToken',
  'secretAccessKey',
  'serviceAccountKey',
  'clientSecret',
  'privateKey',
];

/** A connection of `GET /integrations/connections`, secrets dropped should the server ever echo one. @internal */
export const connectionSchema: z.ZodType<CloudWorksConnection, unknown> = z
  .looseObject({
    connectionId: idSchema,
    connectionType: z.string().optional(),
    type: z.string().optional(),
    body: z.record(z.string(), z.unknown()).nullish(),
    status: optionalNumber,
    integrationErrorCode: optionalNumber,
    workspaceId: optionalText,
    authMethod: optionalText,
    creationDate: optionalText,
    modificationDate: optionalText,
    createdBy: optionalText,
    modifiedBy: optionalText,
  })
  .transform((raw) => {
    const body = Object.fromEntries(
      Object.entries(raw.body ?? {}).filter(([key]) => !secretFields.includes(key) && key !== 'auth_method'),
    );
    const authMethod =
      raw.authMethod ?? (typeof body['authMethod'] === 'string' ? body['authMethod'] : undefined);
    return {
      connectionId: raw.connectionId,
      connectionType: raw.connectionType ?? raw.type ?? 'unknown',
      name: typeof body['name'] === 'string' ? body['name'] : '',
      body,
      status: raw.status,
      integrationErrorCode: raw.integrationErrorCode,
      workspaceId: raw.workspaceId,
      authMethod,
      creationDate: raw.creationDate,
      modificationDate: raw.modificationDate,
      createdBy: raw.createdBy,
      modifiedBy: raw.modifiedBy,
    };
  });
