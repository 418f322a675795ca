/** The run outcomes a notification can be sent for. */
export type CloudWorksNotificationType = 'success' | 'partial_failure' | 'full_failure' | (string & {});

/** How users are told. */
export type CloudWorksNotificationChannel = 'email' | 'in_app' | (string & {});

/** A notification configuration to write: who is told of which outcome, how. */
export interface CloudWorksNotificationInput {
  channels: CloudWorksNotificationChannel[];
  /** Outcome → user ids (32 lower-case hex) to notify. */
  config: { type: CloudWorksNotificationType; users: string[] }[];
}

/** A notification configuration as the API gives it (users resolved to names). */
export interface CloudWorksNotification {
  notificationId: string;
  integrationIds: string[];
  channels: string[];
  config: {
    type: string;
    users: { userGuid: string; firstName?: string | undefined; lastName?: string | undefined }[];
  }[];
}
