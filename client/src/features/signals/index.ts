/** The case page's sections for the signal, the pre-signal steps and the contact attempts. */
export { ContactAttemptsPanel } from './ContactAttemptsPanel';
export { PreSignalPanel } from './PreSignalPanel';
export { SignalPanel } from './SignalPanel';
