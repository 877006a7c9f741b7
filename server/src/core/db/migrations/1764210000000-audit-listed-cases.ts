import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A list read is one audit event naming every case it touched; this index finds those events per case. */
export class AuditListedCases1764210000000 implements MigrationInterface {
  name = 'AuditListedCases1764210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "audit_event_listed_cases" ON "audit_event" USING gin ((details -> 'cases'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_event_listed_cases"`);
  }
}
