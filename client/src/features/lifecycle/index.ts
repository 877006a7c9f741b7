/** The case page's status moves: the lifecycle actions and the timeline. */
export { LifecyclePanel } from './LifecyclePanel';
export { TimelinePanel } from './TimelinePanel';
