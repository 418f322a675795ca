// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { type CallOptions, ConfigurationError } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { z } from 'zod';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { anyBodySchema, envelopeSchema, idSchema, optionalText } from '../internal/schemas/envelope.js';
import type { CloudWorksNotification, CloudWorksNotificationInput } from './notification-types.js';

const userSchema = z.union([
  z.string().transform((userGuid) => ({ userGuid, firstName: undefined, lastName: undefined })),
  z.looseObject({ userGuid: z.string(), firstName: optionalText, lastName: optionalText }),
]);
const notificationSchema = z
  .looseObject({
    notificationId: idSchema,
    integrationIds: z.array(z.string()).nullish(),
    channels: z.array(z.string()).nullish(),
    notifications: z
      .looseObject({
        config: z.array(z.looseObject({ type: z.string(), users: z.array(userSchema).nullish() })).nullish(),
      })
      .nullish(),
  })
  .transform(
    (raw): CloudWorksNotification => ({
      notificationId: raw.notificationId,
      integrationIds: raw.integrationIds ?? [],
      channels: raw.channels ?? [],
      config: (raw.notifications?.config ?? []).map((entry) => ({
        type: entry.type,
        users: entry.users ?? [],
      })),
    }),
  );
const getSchema = envelopeSchema('notifications', notificationSchema);
const integrationNotificationSchema = envelopeSchema(
  'integration',
  z.looseObject({ notificationId: z.union([z.string(), z.null()]).optional() }),
);

function notificationBody(
  integrationId: string,
  input: CloudWorksNotificationInput,
): Record<string, unknown> {
  if (!Array.isArray(input?.channels) || input.channels.length === 0)
    throw new ConfigurationError('channels', 'A notification needs at least one channel (email, in_app)');
  if (!Array.isArray(input.config))
    throw new ConfigurationError('config', 'A notification needs config: [{ type, users }]');
  return {
    integrationIds: [integrationId],
    channels: input.channels,
    notifications: { config: input.config },
  };
}

/**
 * Notification configurations. CloudWorks creates one with each integration (a second `POST` for it is refused with
 * "Duplicate resource name not allowed"), so the usual call is {@link NotificationsResource.edit}.
 */
export class NotificationsResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * One notification configuration.
   *
   * @example
   * ```ts
   * const notification = await cloudWorks.notifications.get(notificationId);
   * ```
   * @throws `NotFoundError` when there is none.
   */
  get(notificationId: string, options: CallOptions = {}): Promise<CloudWorksNotification> {
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json(
        'GET',
        `/integrations/notification/${segment(notificationId)}`,
        getSchema,
        {
          signal,
        },
      );
      return body.notifications;
    });
  }

  /**
   * Rewrites the notification configuration CloudWorks created with the integration: finds its `notificationId`,
   * then `PUT`s the channels and recipients.
   *
   * @example
   * ```ts
   * await cloudWorks.notifications.edit(integrationId, {
   *   channels: ['email'],
   *   config: [{ type: 'full_failure', users: [opsUserId] }, { type: 'partial_failure', users: [opsUserId] }],
   * });
   * ```
   * @returns the notification's id
   * @throws `ConfigurationError` for an input without channels or config; `NotFoundError` when the integration has
   *   no notification configuration (create one with {@link NotificationsResource.create}).
   */
  async edit(
    integrationId: string,
    input: CloudWorksNotificationInput,
    options: CallOptions = {},
  ): Promise<string> {
    const json = notificationBody(integrationId, input);
    return withCallOptions(options, async (signal) => {
      const { integration } = await this.#api.json(
        'GET',
        `/integrations/${segment(integrationId)}`,
        integrationNotificationSchema,
        { signal },
      );
      const notificationId = integration.notificationId;
      if (!notificationId)
        throw new ConfigurationError(
          'integrationId',
          `Integration ${integrationId} has no notification configuration`,
        );
      await this.#api.json('PUT', `/integrations/notification/${segment(notificationId)}`, anyBodySchema, {
        json,
        signal,
      });
      return notificationId;
    });
  }

  /**
   * Creates a notification configuration for an integration that has none (after `delete`).
   *
   * @example
   * ```ts
   * const id = await cloudWorks.notifications.create(integrationId, { channels: ['email'], config });
   * ```
   * @throws `BadRequestError` ("Duplicate resource name not allowed") when the integration has one.
   */
  async create(
    integrationId: string,
    input: CloudWorksNotificationInput,
    options: CallOptions = {},
  ): Promise<string> {
    const json = notificationBody(integrationId, input);
    return withCallOptions(options, async (signal) => {
      const body = await this.#api.json(
        'POST',
        '/integrations/notification',
        z.looseObject({ notificationId: idSchema }),
        { json, signal },
      );
      return body.notificationId;
    });
  }

  /**
   * Deletes a notification configuration (the way to blank fields a `PUT` cannot: delete, then create).
   *
   * @example
   * ```ts
   * await cloudWorks.notifications.delete(notificationId);
   * ```
   * @throws `NotFoundError` when there is none.
   */
  async delete(notificationId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('DELETE', `/integrations/notification/${segment(notificationId)}`, anyBodySchema, {
        signal,
      }),
    );
  }
}
