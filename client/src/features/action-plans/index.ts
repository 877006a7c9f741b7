/** The action plan section of the case page. */
export { ActionPlanPanel } from './ActionPlanPanel';
