/** The payment arrangement of a case. */
export { ArrangementPanel, ArrangementPanelFragment } from './ArrangementPanel';
