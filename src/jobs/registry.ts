import { alertsJob } from '../alerts/jobs.js';
import { idempotencyCleanupJob, interruptedRunsJob } from '../exchange/jobs.js';
import { apsDeliveryJob } from '../feeds/jobs.js';
import { forecastSnapshotJob } from '../forecast/jobs.js';
import { forecastUpdateNoticeJob } from '../forecast-views/notices.js';
import { meetingCalendarJob } from '../meetings/jobs.js';
import { notificationDeliveryJob } from '../notifications/channels/job.js';
import { taskRemindersJob } from '../notifications/reminders.js';
import { sessionCleanupJob } from '../org/jobs.js';
import { openingReportJob } from '../reports/jobs.js';
import { taskEscalationJob } from '../tasks/escalation.js';
import type { JobDefinition } from './scheduler.js';

/** Every scheduled job of the product; capabilities add theirs here. */
export const JOBS: readonly JobDefinition[] = [
  sessionCleanupJob,
  idempotencyCleanupJob,
  interruptedRunsJob,
  // Day 1 of the rolling window: the monthly-update notices (delivered by the last job this minute).
  forecastUpdateNoticeJob,
  meetingCalendarJob,
  forecastSnapshotJob,
  taskEscalationJob,
  // After the snapshots; before the reports and deliveries, so an alert raised this minute is sent this minute.
  alertsJob,
  // After the escalation job, so a task escalated this minute is in the report made this minute.
  openingReportJob,
  // After the escalation job, so a task escalated this minute is notified this minute.
  taskRemindersJob,
  // Last: every notification made this minute by the jobs above is sent this minute.
  notificationDeliveryJob,
  // Quotes queued by the writes of this minute go out to APS this minute.
  apsDeliveryJob,
];
