/** What other features use of payment arrangements: the service and instalment type (for messages), and the tables the demo seed fills. */
export { Instalment, PaymentArrangement } from './arrangement.entity.js';
export type { ArrangementService } from './arrangement.service.js';
export type { InstalmentType } from './arrangement.types.js';
