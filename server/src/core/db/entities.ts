import { AuditEvent } from '../audit/audit-event.entity.js';
import { JobRun } from '../jobs/job-run.entity.js';

/**
 * The tables of core's own machinery (the audit trail, the job runs). The features bring theirs through
 * their descriptors; app/ puts both lists together for the data source.
 */
export const CORE_ENTITIES = [AuditEvent, JobRun] as const;
