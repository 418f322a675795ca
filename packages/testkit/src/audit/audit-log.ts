// Tests: ./audit-routes.test.ts, ./audit-recording.test.ts

import { createHash } from 'node:crypto';
import { lowerHexId } from '../internal/ids.js';

/** One audit event as the simulated Audit API serves it (the fields of Anaplan's `AuditEvent`). */
export interface SimAuditEvent {
  id: number;
  eventTypeId: string;
  /** The actor's user id, or `INTERNAL_<n>` for the tenant's own processes. */
  userId: string;
  tenantId: string;
  objectId?: string;
  objectTenantId?: string;
  message: string;
  success: boolean;
  ipAddress: string;
  userAgent: string;
  hostName: string;
  eventDate: number;
  eventTimeZone: 'UTC';
  createdDate: number;
  createdTimeZone: 'UTC';
  checksum: string;
  additionalAttributes: Record<string, unknown> | null;
}

/**
 * An audit event type the simulator records: `USR-1` … `USR-5`, `USR-8`, `USR-9`, `USR-21` … `USR-28`, `USR-50`,
 * `USR-57`, `USR-58` (see docs/simulator.md for when each is recorded).
 */
export type SimAuditEventType =
  | 'USR-1'
  | 'USR-2'
  | 'USR-3'
  | 'USR-4'
  | 'USR-5'
  | 'USR-8'
  | 'USR-9'
  | 'USR-21'
  | 'USR-22'
  | 'USR-23'
  | 'USR-24'
  | 'USR-25'
  | 'USR-26'
  | 'USR-27'
  | 'USR-28'
  | 'USR-50'
  | 'USR-57'
  | 'USR-58';

/** What a change records; the log fills in id, tenant, times and checksum. */
export interface SimAuditRecord {
  eventTypeId: SimAuditEventType;
  /** The actor's user id. */
  actorId: string;
  /** The user, workspace or model acted on. */
  objectId?: string | undefined;
  success?: boolean;
  additionalAttributes?: Record<string, unknown> | null;
  /** Where the change came from, as the event's `userAgent`. @default 'anaplan-sim' */
  userAgent?: string | undefined;
}

/** The event types the simulator records, with their messages (from Anaplan's event tables). */
export const auditEventTypes: Readonly<Record<SimAuditEventType, string>> = {
  'USR-1': 'User created',
  'USR-2': 'User activated',
  'USR-3': 'User enabled',
  'USR-4': 'User disabled',
  'USR-5': 'User updated',
  'USR-8': 'User login success',
  'USR-9': 'User login failure',
  'USR-21': 'User added to workspace',
  'USR-22': 'User removed from workspace',
  'USR-23': 'User assigned a model role',
  'USR-24': 'User unassigned a model role',
  'USR-25': 'Workspace administrator assigned or unassigned',
  'USR-26': 'User email changed',
  'USR-27': 'User first name changed',
  'USR-28': 'User last name changed',
  'USR-50': 'Users updated from an import',
  'USR-57': 'Exception access granted',
  'USR-58': 'Exception access revoked',
} as const;

/**
 * The tenant's audit trail: every change made through the simulated SCIM API, USERS imports, logins, the Exception
 * Users API and the `sim.ui` hand edits appends an event here, with its actor. The simulated Audit API serves it.
 *
 * @example
 * ```ts
 * sim.audit.setEventTime(Date.parse('2025-03-01T00:00:00Z')); // stamp what follows with this time
 * sim.ui.setModelRole(admin, 'jane@example.com', modelId, 'Planner');
 * sim.audit.setEventTime(undefined); // back to the simulator's clock
 * expect(sim.audit.events.at(-1)?.eventTypeId).toBe('USR-23');
 * ```
 */
export class SimAuditLog {
  /** The tenant id every event carries. */
  readonly tenantId: string = lowerHexId();
  readonly #events: SimAuditEvent[] = [];
  readonly #now: () => number;
  #eventTime: number | undefined;
  #nextId = 2_600_000_000;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Every event so far, in the order recorded. */
  get events(): readonly SimAuditEvent[] {
    return this.#events;
  }

  /**
   * Stamps the events recorded from now on with `eventDate` = `time` (epoch ms), for example to put events on the
   * edge of a window, on one millisecond, or in the past (an event stored late); `undefined` returns to the
   * simulator's clock. `createdDate` stays the simulator's clock.
   */
  setEventTime(time: number | undefined): void {
    this.#eventTime = time;
  }

  /** Appends an event. */
  record(record: SimAuditRecord): SimAuditEvent {
    const now = this.#now();
    const event: SimAuditEvent = {
      id: this.#nextId++,
      eventTypeId: record.eventTypeId,
      userId: record.actorId,
      tenantId: this.tenantId,
      ...(record.objectId === undefined ? {} : { objectId: record.objectId, objectTenantId: this.tenantId }),
      message: auditEventTypes[record.eventTypeId],
      success: record.success ?? true,
      ipAddress: '127.0.0.1',
      userAgent: record.userAgent ?? 'anaplan-sim',
      hostName: 'anaplan-sim',
      eventDate: this.#eventTime ?? now,
      eventTimeZone: 'UTC',
      createdDate: now,
      createdTimeZone: 'UTC',
      checksum: '',
      additionalAttributes: record.additionalAttributes === undefined ? {} : record.additionalAttributes,
    };
    event.checksum = String(createHash('sha256').update(JSON.stringify(event)).digest().readUInt32BE(0));
    this.#events.push(event);
    return event;
  }

  /** The events of a time range (both ends inclusive) whose type starts with `prefix`, oldest first, then by id. */
  query(from: number, to: number, prefix: string | undefined): SimAuditEvent[] {
    return this.#events
      .filter(
        (event) =>
          event.eventDate >= from &&
          event.eventDate <= to &&
          (prefix === undefined || event.eventTypeId.startsWith(prefix)),
      )
      .sort((left, right) => left.eventDate - right.eventDate || left.id - right.id);
  }
}
