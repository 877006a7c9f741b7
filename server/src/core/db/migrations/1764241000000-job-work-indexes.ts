import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes for the background jobs, which page through their work by id in batches: the pending
 * referrals (referral expiry), the active arrangements and their unpaid instalments (missed instalments).
 * Each holds only the rows a job can still act on, so it stays small as the history grows.
 */
export class JobWorkIndexes1764241000000 implements MigrationInterface {
  name = 'JobWorkIndexes1764241000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "referral_pending_id" ON "referral" ("id") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "payment_arrangement_active_id" ON "payment_arrangement" ("id") WHERE "status" = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE INDEX "instalment_due_arrangement" ON "instalment" ("arrangement_id", "due_on") WHERE "status" = 'DUE'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "instalment_due_arrangement"`);
    await queryRunner.query(`DROP INDEX "payment_arrangement_active_id"`);
    await queryRunner.query(`DROP INDEX "referral_pending_id"`);
  }
}
