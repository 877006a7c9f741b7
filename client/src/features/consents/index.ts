/** The consents of a case, the dialog that records one, and the register's table (for the privacy page). */
export { ConsentsPanel, type ConsentsPanelProps } from './ConsentsPanel';
export { ConsentRegisterTable } from './ConsentRegisterTable';
export { RecordConsentDialog, type ConsentRecipientOption } from './RecordConsentDialog';
