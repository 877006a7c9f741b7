/** What other features use of consents: a consent's state and default term (privacy, messages), and the table the demo seed fills. */
export { Consent } from './consent.entity.js';
export { consentState, defaultConsentValidUntil } from './consent.service.js';
export type { ConsentState, ConsentType } from './consent.types.js';
