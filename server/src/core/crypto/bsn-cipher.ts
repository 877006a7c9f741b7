import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM for the BSN at rest; the stored value is iv ‖ tag ‖ ciphertext. */
export class BsnCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The BSN key must be 32 bytes');
  }

  encrypt(bsn: string): Buffer {
    if (!isValidBsn(bsn)) throw new Error('Not a valid BSN');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    const iv = stored.subarray(0, IV_BYTES);
    const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** The BSN "elfproef": nine digits whose weighted sum (9..2, and -1 for the last) is divisible by 11. */
export function isValidBsn(bsn: string): boolean {
  if (!/^[0-9]{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.reduce((total, digit, index) => total + digit * (index === 8 ? -1 : 9 - index), 0);
  return sum % 11 === 0 && sum !== 0;
}
