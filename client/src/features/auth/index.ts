/** What other features use of the session: the signed-in person and what they may do. */
export { useActor, useSession } from './session';
