/** What other features use of auth: hashing a password (the demo seed's accounts). */
export { hashPassword } from './password.js';
