/** The table of audit events (also on the privacy officer's page of one case). */
export { AuditEventTable } from './AuditEventTable';
