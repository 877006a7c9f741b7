/** What other features use of users: the user table. */
export { User } from './user.entity.js';
