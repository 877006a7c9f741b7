import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referral workflow (issue 4): intake moments on the case, the case timeline, per-municipality
 * clocks and retention periods, deadline alerts, arrears imports, anonymous statistics kept after
 * retention, and the scheduler's job runs.
 */
export class ReferralWorkflow1764220000000 implements MigrationInterface {
  name = 'ReferralWorkflow1764220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_run" ("name" character varying(100) NOT NULL, "last_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_finished_at" TIMESTAMP WITH TIME ZONE, "last_succeeded" boolean, "last_result" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_a72b11a6ed99e4f8554c29addef" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "arrears_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "corporation_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "file_sha256" character(64) NOT NULL, "rows_total" integer NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "errors" integer NOT NULL, "imported_by_id" uuid NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "arrears_import_counts" CHECK ("rows_total" >= 0 AND "created" >= 0 AND "updated" >= 0 AND "unchanged" >= 0 AND "errors" >= 0), CONSTRAINT "PK_ae21a61b032e85c611fc2c03bab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4689d16c717b646988af8c78cf" ON "arrears_import" ("corporation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_33343d388fc3398a0a48f5ae1a" ON "arrears_import" ("file_sha256")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a622eb77033cd4dd37ef567e72" ON "arrears_import" ("imported_by_id")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."deadline_kind" AS ENUM('REFERRAL_RESPONSE', 'FIRST_CONTACT', 'FIRST_CONVERSATION', 'ACCESS_DECISION', 'PAUSE_END', 'CONSENT_EXPIRY', 'EVICTION')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."deadline_alert_state" AS ENUM('DUE_SOON', 'OVERDUE')`);
    await queryRunner.query(
      `CREATE TABLE "deadline_alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "kind" "public"."deadline_kind" NOT NULL, "due_on" date NOT NULL, "state" "public"."deadline_alert_state" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deadline_alert_once" UNIQUE ("case_id", "organization_id", "kind", "due_on", "state"), CONSTRAINT "PK_da6cabdd4a0f32d9266264ad902" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a5e0e873e74e423f244c8aa615" ON "deadline_alert" ("case_id")`);
    await queryRunner.query(
      `CREATE INDEX "deadline_alert_org_state" ON "deadline_alert" ("organization_id", "state", "due_on")`,
    );
    await queryRunner.query(
      `CREATE TABLE "municipality_setting" ("organization_id" uuid NOT NULL, "first_contact_calendar_days" smallint NOT NULL DEFAULT '14', "access_decision_weeks" smallint NOT NULL DEFAULT '8', "retention_not_picked_up_months" smallint NOT NULL DEFAULT '6', "retention_no_further_help_months" smallint NOT NULL DEFAULT '12', "retention_closed_months" smallint NOT NULL DEFAULT '18', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "municipality_setting_retention" CHECK ("retention_not_picked_up_months" BETWEEN 1 AND 120 AND "retention_no_further_help_months" BETWEEN 1 AND 120 AND "retention_closed_months" BETWEEN 1 AND 120), CONSTRAINT "municipality_setting_clocks" CHECK ("first_contact_calendar_days" BETWEEN 1 AND 90 AND "access_decision_weeks" BETWEEN 1 AND 26), CONSTRAINT "PK_802d433fee5135ad96d6c8c36f8" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "from_status" "public"."case_status" NOT NULL, "to_status" "public"."case_status" NOT NULL, "by_user_id" uuid, "by_org_id" uuid, "via" character varying(50) NOT NULL, "note" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52ec081adb0cb83fcfbb7109fce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_399cbb3be6fbfb09016c1b01d4" ON "case_transition" ("by_user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cda1edf138165aa4a2b1c36d76" ON "case_transition" ("by_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_transition_case_time" ON "case_transition" ("case_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_statistic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_code" character(4) NOT NULL, "corporation_id" uuid, "municipality_org_id" uuid, "signal_month" date, "partner_type" character varying(10), "reached" boolean NOT NULL, "days_to_first_contact" integer, "help_accepted" boolean NOT NULL, "end_result" "public"."signal_end_result", "arrangement_kept" boolean, "evicted" boolean NOT NULL, "closed_month" date, "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8d169cb908a7a0b708c2d624b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e8320cfa8191083bed775e594b" ON "case_statistic" ("corporation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ea5c90c402d3c50b91201da625" ON "case_statistic" ("municipality_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_statistic_municipality_month" ON "case_statistic" ("municipality_code", "signal_month")`,
    );
    await queryRunner.query(`ALTER TABLE "case_file" ADD "help_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD "first_conversation_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TYPE "public"."solution_kind" AS ENUM('PAYMENT_PLAN', 'DEBT_SETTLEMENT', 'WSNP', 'REFINANCING')`,
    );
    await queryRunner.query(`ALTER TABLE "case_file" ADD "solution_kind" "public"."solution_kind"`);
    await queryRunner.query(
      `ALTER TABLE "arrears_import" ADD CONSTRAINT "FK_4689d16c717b646988af8c78cff" FOREIGN KEY ("corporation_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears_import" ADD CONSTRAINT "FK_a622eb77033cd4dd37ef567e729" FOREIGN KEY ("imported_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_alert" ADD CONSTRAINT "FK_a5e0e873e74e423f244c8aa6155" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_alert" ADD CONSTRAINT "FK_4d80932711d2a9d05d0d4e7f547" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "municipality_setting" ADD CONSTRAINT "FK_802d433fee5135ad96d6c8c36f8" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_transition" ADD CONSTRAINT "FK_a5884869dc784113e6e3fc635af" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_transition" ADD CONSTRAINT "FK_399cbb3be6fbfb09016c1b01d49" FOREIGN KEY ("by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_transition" ADD CONSTRAINT "FK_cda1edf138165aa4a2b1c36d764" FOREIGN KEY ("by_org_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_transition" DROP CONSTRAINT "FK_cda1edf138165aa4a2b1c36d764"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DROP CONSTRAINT "FK_399cbb3be6fbfb09016c1b01d49"`);
    await queryRunner.query(`ALTER TABLE "case_transition" DROP CONSTRAINT "FK_a5884869dc784113e6e3fc635af"`);
    await queryRunner.query(
      `ALTER TABLE "municipality_setting" DROP CONSTRAINT "FK_802d433fee5135ad96d6c8c36f8"`,
    );
    await queryRunner.query(`ALTER TABLE "deadline_alert" DROP CONSTRAINT "FK_4d80932711d2a9d05d0d4e7f547"`);
    await queryRunner.query(`ALTER TABLE "deadline_alert" DROP CONSTRAINT "FK_a5e0e873e74e423f244c8aa6155"`);
    await queryRunner.query(`ALTER TABLE "arrears_import" DROP CONSTRAINT "FK_a622eb77033cd4dd37ef567e729"`);
    await queryRunner.query(`ALTER TABLE "arrears_import" DROP CONSTRAINT "FK_4689d16c717b646988af8c78cff"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "solution_kind"`);
    await queryRunner.query(`DROP TYPE "public"."solution_kind"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "first_conversation_at"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "help_requested_at"`);
    await queryRunner.query(`DROP INDEX "public"."case_statistic_municipality_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ea5c90c402d3c50b91201da625"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8320cfa8191083bed775e594b"`);
    await queryRunner.query(`DROP TABLE "case_statistic"`);
    await queryRunner.query(`DROP INDEX "public"."case_transition_case_time"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cda1edf138165aa4a2b1c36d76"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_399cbb3be6fbfb09016c1b01d4"`);
    await queryRunner.query(`DROP TABLE "case_transition"`);
    await queryRunner.query(`DROP TABLE "municipality_setting"`);
    await queryRunner.query(`DROP INDEX "public"."deadline_alert_org_state"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a5e0e873e74e423f244c8aa615"`);
    await queryRunner.query(`DROP TABLE "deadline_alert"`);
    await queryRunner.query(`DROP TYPE "public"."deadline_alert_state"`);
    await queryRunner.query(`DROP TYPE "public"."deadline_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a622eb77033cd4dd37ef567e72"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33343d388fc3398a0a48f5ae1a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4689d16c717b646988af8c78cf"`);
    await queryRunner.query(`DROP TABLE "arrears_import"`);
    await queryRunner.query(`DROP TABLE "job_run"`);
  }
}
