/** What every schedule has: CloudWorks starts runs within 15 minutes of the slot, between the two dates. */
export interface CloudWorksScheduleCommon {
  name: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  /** `YYYY-MM-DD`. */
  endDate: string;
  /** IANA time zone, e.g. `Europe/London`. */
  timezone: string;
  /** `Active` or `Inactive`: read-only, set with `enable()` and `disable()`. */
  status?: 'Active' | 'Inactive' | (string & {}) | undefined;
}

/** Every N hours between two times on some days of the week. */
export interface CloudWorksHourlySchedule extends CloudWorksScheduleCommon {
  type: 'hourly';
  /** `HH:MM`. */
  fromTime: string;
  /** `HH:MM`. */
  toTime: string;
  /** Hours between runs. */
  repeatEvery: number;
  /** 0 = Sunday. */
  daysOfWeek: number[];
}

/** Once a day. */
export interface CloudWorksDailySchedule extends CloudWorksScheduleCommon {
  type: 'daily';
  /** `HH:MM`. */
  time: string;
}

/** On some days of the week. */
export interface CloudWorksWeeklySchedule extends CloudWorksScheduleCommon {
  type: 'weekly';
  /** `HH:MM`. */
  time: string;
  /** 0 = Sunday. */
  daysOfWeek: number[];
}

/** On one day of the month. */
export interface CloudWorksMonthlyDaySchedule extends CloudWorksScheduleCommon {
  type: 'monthly_specific_day';
  /** `HH:MM`. */
  time: string;
  /** 1–31. */
  dayOfMonth: number;
}

/** On the Nth weekday of the month (the second Tuesday …). */
export interface CloudWorksMonthlyWeekdaySchedule extends CloudWorksScheduleCommon {
  type: 'monthly_relative_weekday';
  /** `HH:MM`. */
  time: string;
  /** 0 = Sunday. */
  dayOfWeek: number;
  /** Which one of the month: 1 for the first … */
  repeatEvery: number;
}

/** A schedule of an integration, of any of the five types. */
export type CloudWorksSchedule =
  | CloudWorksHourlySchedule
  | CloudWorksDailySchedule
  | CloudWorksWeeklySchedule
  | CloudWorksMonthlyDaySchedule
  | CloudWorksMonthlyWeekdaySchedule;
