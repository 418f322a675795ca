// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { type CallOptions, ConfigurationError } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import { type CloudWorksApi, segment } from '../internal/cloudworks-api.js';
import { anyBodySchema } from '../internal/schemas/envelope.js';
import type { CloudWorksSchedule } from './schedule-types.js';

/** Fields each schedule type needs beside name, dates and time zone. */
const required: Record<CloudWorksSchedule['type'], readonly string[]> = {
  hourly: ['fromTime', 'toTime', 'repeatEvery', 'daysOfWeek'],
  daily: ['time'],
  weekly: ['time', 'daysOfWeek'],
  monthly_specific_day: ['time', 'dayOfMonth'],
  monthly_relative_weekday: ['time', 'dayOfWeek', 'repeatEvery'],
};

/** The schedule as sent: checked for its type's fields, without the read-only `status`. */
function scheduleBody(schedule: CloudWorksSchedule): Record<string, unknown> {
  const fields = required[schedule?.type];
  if (fields === undefined)
    throw new ConfigurationError('schedule.type', `Unknown schedule type "${String(schedule?.type)}"`);
  for (const key of ['name', 'startDate', 'endDate', 'timezone', ...fields]) {
    if ((schedule as unknown as Record<string, unknown>)[key] === undefined)
      throw new ConfigurationError(`schedule.${key}`, `A ${schedule.type} schedule needs "${key}"`);
  }
  const { status: _status, ...body } = schedule;
  return body;
}

/**
 * The schedule of an integration (one at most). CloudWorks starts a scheduled run within 15 minutes of its slot,
 * anchored to UTC, and never in the platform's maintenance window.
 */
export class SchedulesResource {
  readonly #api: CloudWorksApi;

  /** @internal */
  constructor(api: CloudWorksApi) {
    this.#api = api;
  }

  /**
   * Gives the integration a schedule (it reads back in `integrations.get(id).schedule`).
   *
   * @example
   * ```ts
   * await cloudWorks.schedules.create(integrationId, {
   *   name: 'nightly', type: 'daily', time: '02:17', startDate: '2026-01-01', endDate: '2026-12-31', timezone: 'UTC',
   * });
   * ```
   * @throws `ConfigurationError` naming the field the schedule's type needs; `BadRequestError` when one exists already.
   */
  async create(
    integrationId: string,
    schedule: CloudWorksSchedule,
    options: CallOptions = {},
  ): Promise<void> {
    await this.#send('POST', integrationId, schedule, options);
  }

  /**
   * Replaces the integration's schedule.
   *
   * @example
   * ```ts
   * await cloudWorks.schedules.replace(integrationId, { ...schedule, time: '03:41' });
   * ```
   * @throws `ConfigurationError` naming the field the schedule's type needs; `NotFoundError` when there is none.
   */
  async replace(
    integrationId: string,
    schedule: CloudWorksSchedule,
    options: CallOptions = {},
  ): Promise<void> {
    await this.#send('PUT', integrationId, schedule, options);
  }

  /**
   * Removes the integration's schedule.
   *
   * @example
   * ```ts
   * await cloudWorks.schedules.delete(integrationId);
   * ```
   * @throws `NotFoundError` when there is none.
   */
  async delete(integrationId: string, options: CallOptions = {}): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json('DELETE', `/integrations/${segment(integrationId)}/schedule`, anyBodySchema, { signal }),
    );
  }

  /**
   * Turns the schedule on (`status` `Active`).
   *
   * @example
   * ```ts
   * await cloudWorks.schedules.enable(integrationId);
   * ```
   * @throws `NotFoundError` when the integration has no schedule.
   */
  enable(integrationId: string, options: CallOptions = {}): Promise<void> {
    return this.#status(integrationId, 'enabled', options);
  }

  /**
   * Turns the schedule off (`status` `Inactive`) without removing it.
   *
   * @example
   * ```ts
   * await cloudWorks.schedules.disable(integrationId);
   * ```
   * @throws `NotFoundError` when the integration has no schedule.
   */
  disable(integrationId: string, options: CallOptions = {}): Promise<void> {
    return this.#status(integrationId, 'disabled', options);
  }

  async #status(integrationId: string, status: 'enabled' | 'disabled', options: CallOptions): Promise<void> {
    await withCallOptions(options, (signal) =>
      this.#api.json(
        'POST',
        `/integrations/${segment(integrationId)}/schedule/status/${status}`,
        anyBodySchema,
        {
          signal,
          idempotent: true,
        },
      ),
    );
  }

  async #send(
    method: 'POST' | 'PUT',
    integrationId: string,
    schedule: CloudWorksSchedule,
    options: CallOptions,
  ) {
    // PUT needs the integration id in the body as well as in the path (live: 400 "Invalid value for integration_id").
    const json = { integrationId, schedule: scheduleBody(schedule) };
    await withCallOptions(options, (signal) =>
      this.#api.json(method, `/integrations/${segment(integrationId)}/schedule`, anyBodySchema, {
        json,
        signal,
      }),
    );
  }
}
