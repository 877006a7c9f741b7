/** The case page's sections about the tenant: contact details and household. */
export { ContactPanel } from './ContactPanel';
export { HouseholdPanel } from './HouseholdPanel';
