import type { ScopedTransaction } from '../../core/db/gateway.js';

/** The advisory lock on one corporation's contracts; createCase and the arrears import take it with the same key. */
export const CONTRACTS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('vangnet:tenancy'), hashtext($1))`;

/**
 * Serialises the creation of tenancies of one corporation (createCase and the arrears import), so two
 * requests can never open two dossiers for the same contract. Held until the transaction ends. It lives
 * with cases because opening a dossier for a contract is case creation; arrears takes it from here.
 */
export async function lockContractsOf(tx: ScopedTransaction, corporationId: string): Promise<void> {
  await tx.execute(CONTRACTS_LOCK, [corporationId]);
}
