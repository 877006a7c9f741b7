import type { DataSource } from 'typeorm';
import { BsnCipher } from './bsn-cipher.js';

export class BsnKeyMismatchError extends Error {
  constructor() {
    super(
      [
        'Vangnet cannot start: the BSN key does not decrypt the BSNs already stored in this database.',
        '  - Set VANGNET_BSN_KEY to the key they were encrypted with (with the embedded database it is kept in',
        '    <data dir>/secrets/bsn-key; without VANGNET_BSN_KEY an external DATABASE_URL gets a throwaway key',
        '    per process, which cannot read what an earlier process stored).',
        '  - Starting anyway would show every municipality an error instead of the BSN, and would store new',
        '    BSNs under a second key.',
      ].join('\n'),
    );
    this.name = 'BsnKeyMismatchError';
  }
}

/**
 * Fails the start when the key cannot read the stored BSNs (AES-GCM authenticates, so a wrong key is
 * detected, not silently misread). The oldest and the newest stored BSN are tried: a database whose
 * BSNs were written under two keys is refused too. A database without BSNs takes any key.
 */
export async function assertBsnKeyReadsStoredBsns(dataSource: DataSource, key: Buffer): Promise<void> {
  const stored = await dataSource.query<{ bsn_ciphertext: Buffer }[]>(
    `(SELECT bsn_ciphertext FROM tenant_identifier ORDER BY recorded_at, id LIMIT 1)
     UNION ALL
     (SELECT bsn_ciphertext FROM tenant_identifier ORDER BY recorded_at DESC, id DESC LIMIT 1)`,
  );
  const cipher = new BsnCipher(key);
  for (const row of stored) {
    try {
      cipher.decrypt(row.bsn_ciphertext);
    } catch {
      throw new BsnKeyMismatchError();
    }
  }
}
