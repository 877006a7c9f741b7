/** The tenant's data export (also offered from the consent register). */
export { TenantExportButton } from './TenantExport';
