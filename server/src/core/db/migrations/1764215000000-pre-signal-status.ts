import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The corporation's own dossier before the early signal: PRE_SIGNAL precedes SIGNALLED. */
export class PreSignalStatus1764215000000 implements MigrationInterface {
  name = 'PreSignalStatus1764215000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."case_status" ADD VALUE 'PRE_SIGNAL' BEFORE 'SIGNALLED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value: rebuild the type without it.
    await queryRunner.query(`UPDATE case_file SET status = 'SIGNALLED' WHERE status = 'PRE_SIGNAL'`);
    await queryRunner.query(`ALTER TABLE case_file ALTER COLUMN status DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE case_file DROP CONSTRAINT "case_file_closed_consistent"`);
    await queryRunner.query(`ALTER TYPE "public"."case_status" RENAME TO "case_status_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."case_status" AS ENUM('SIGNALLED', 'REFERRED', 'IN_CONTACT', 'INTAKE', 'ADMITTED', 'NOT_ADMITTED', 'STABILISATION', 'SOLUTION', 'AFTERCARE', 'CLOSED')`,
    );
    await queryRunner.query(
      `ALTER TABLE case_file ALTER COLUMN status TYPE "public"."case_status" USING status::text::"public"."case_status"`,
    );
    await queryRunner.query(`ALTER TABLE case_file ALTER COLUMN status SET DEFAULT 'SIGNALLED'`);
    await queryRunner.query(`DROP TYPE "public"."case_status_old"`);
    await queryRunner.query(
      `ALTER TABLE case_file ADD CONSTRAINT "case_file_closed_consistent" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL))`,
    );
  }
}
