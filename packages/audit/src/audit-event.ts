// Tests: ./audit-client.test.ts

/**
 * The `type` filter of the Audit API: each value selects the events whose `eventTypeId` has a prefix (`USR-*`,
 * `AUTHZ-*`, …). `all` (the default) is every event. Anaplan does not check the value: an unknown one is treated as
 * `all`, so the client only sends these.
 *
 * @example
 * ```ts
 * const type: AuditEventCategory = 'user_activity'; // USR-* events
 * ```
 */
export type AuditEventCategory =
  | 'all'
  | 'user_activity'
  | 'access_control'
  | 'int'
  | 'conn_mgmt'
  | 'comment'
  | 'byok'
  | 'plan_iq'
  | 'forecaster';

/** Every {@link AuditEventCategory}, for validation. */
export const auditEventCategories: readonly AuditEventCategory[] = Object.freeze([
  'all',
  'user_activity',
  'access_control',
  'int',
  'conn_mgmt',
  'comment',
  'byok',
  'plan_iq',
  'forecaster',
]);

/**
 * One audit event as the Audit API returns it (field names as on the wire). Only `id`, `eventTypeId` and
 * `eventDate` are relied on; every other field may be missing on some events, and fields the client does not know
 * are kept as they came.
 *
 * @example
 * ```ts
 * for await (const event of audit.events.list({ from, to, type: 'user_activity' })) {
 *   if (event.eventTypeId === 'USR-23') console.log(event.userId, 'set a model role', event.additionalAttributes);
 * }
 * ```
 */
export interface AuditEvent {
  /** Unique id of the event (an integer). */
  readonly id: number;
  /** The event type, e.g. `USR-23` (model role assigned) or `AUTHZ-3`. */
  readonly eventTypeId: string;
  /** Who did it: a user id (32 lower-case hex characters), or `INTERNAL_<n>` for Anaplan's own processes. */
  readonly userId?: string | undefined;
  /** The tenant the event belongs to. */
  readonly tenantId?: string | undefined;
  /** What was acted on (a user, model or workspace id; `con_…` for connections), when there is one. */
  readonly objectId?: string | undefined;
  /** The type of `objectId`, when Anaplan says. */
  readonly objectTypeId?: string | undefined;
  /** The tenant of `objectId`. */
  readonly objectTenantId?: string | undefined;
  /**
   * Attributes that depend on the event type, e.g. `{ clientName }` on logins; may be `null`. The keys per event type
   * are not documented by Anaplan.
   */
  readonly additionalAttributes?: Readonly<Record<string, unknown>> | null | undefined;
  /** A human-readable description. */
  readonly message?: string | undefined;
  /** Whether the action succeeded. */
  readonly success?: boolean | undefined;
  /** Error code of a failed action. */
  readonly errorNumber?: string | undefined;
  readonly ipAddress?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly sessionId?: string | undefined;
  /** The server that recorded it. */
  readonly hostName?: string | undefined;
  readonly serviceVersion?: string | undefined;
  /** When it happened, in epoch milliseconds (UTC). */
  readonly eventDate: number;
  readonly eventTimeZone?: string | undefined;
  /** When it was stored, in epoch milliseconds (UTC); may be later than `eventDate`. */
  readonly createdDate?: number | undefined;
  readonly createdTimeZone?: string | undefined;
  /** Anaplan's integrity checksum (a short numeric string). */
  readonly checksum?: string | undefined;
}
