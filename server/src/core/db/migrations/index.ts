import { InitialSchema1764190000000 } from './1764190000000-initial-schema.js';

/** Every migration, in order. Listed explicitly so the build never depends on a file glob. */
export const MIGRATIONS = [InitialSchema1764190000000];
