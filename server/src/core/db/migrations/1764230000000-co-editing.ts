import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-editing (issue 5): the action plan with goals, actions, conditions and append-only comments, the
 * field-level change history, case notes, and the payment arrangement with instalments and milestones.
 */
export class CoEditing1764230000000 implements MigrationInterface {
  name = 'CoEditing1764230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "help_request" text, "tenant_signed_off_on" date, "tenant_sign_off_channel" "public"."consent_channel", "origin_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "REL_b1ed1f819144f2dc6d318f544a" UNIQUE ("case_id"), CONSTRAINT "PK_73de59f4ddad48bad469c1afdbd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b1ed1f819144f2dc6d318f544a" ON "action_plan" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c23756f2b3aef92004afafdaad" ON "action_plan" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "action_plan_goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "case_id" uuid NOT NULL, "what" text NOT NULL, "measure" text NOT NULL, "target_date" date, "origin_org_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_e47bdfd8c9fbd6bd21d7d6f1c66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_72dc677640e5cbaa42e2a41197" ON "action_plan_goal" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d6496e2368d6d38a4771f39db2" ON "action_plan_goal" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2e5a9ec4887c2104c9fa75841a" ON "action_plan_goal" ("created_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "action_plan_goal_plan" ON "action_plan_goal" ("plan_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."action_item_status" AS ENUM('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "action_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "case_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text, "owner_org_id" uuid NOT NULL, "assignee_id" uuid, "due_date" date, "status" "public"."action_item_status" NOT NULL DEFAULT 'OPEN', "origin_org_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "action_item_title_present" CHECK (length(trim("title")) > 0), CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4874a628c44bd1cce80f5feabb" ON "action_item" ("case_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_df9b121ad1968775af8f0b724d" ON "action_item" ("owner_org_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9b521b98237ff511a20e684416" ON "action_item" ("assignee_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_328a8297dfa9349dd463a00396" ON "action_item" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6285e5cdabaacd332b08c2eace" ON "action_item" ("created_by_id")`,
    );
    await queryRunner.query(`CREATE INDEX "action_item_plan" ON "action_item" ("plan_id", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "action_plan_condition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "case_id" uuid NOT NULL, "text" text NOT NULL, "origin_org_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_aaa75a3c690ef1e20bb9185c84c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ca02243f97ca9408efb658efac" ON "action_plan_condition" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9d43f92b414f83b4878d941fa1" ON "action_plan_condition" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_40537fd4c7827ac78b530896e2" ON "action_plan_condition" ("created_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "action_plan_condition_plan" ON "action_plan_condition" ("plan_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "action_item_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "case_id" uuid NOT NULL, "body" text NOT NULL, "origin_org_id" uuid NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "action_item_comment_body_present" CHECK (length(trim("body")) > 0), CONSTRAINT "PK_7c333f47c2d559cf1188884b7d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4fe48d00ec831fb91a9883ff95" ON "action_item_comment" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_96d778a5dce9166cafaff45436" ON "action_item_comment" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6632b664a666a51fd4eeb8dd42" ON "action_item_comment" ("author_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "action_item_comment_item" ON "action_item_comment" ("action_item_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "change_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" uuid NOT NULL, "version" integer NOT NULL, "field" character varying(100) NOT NULL, "old_value" jsonb, "new_value" jsonb, "changed_by_id" uuid NOT NULL, "changed_by_org_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6e83e27c48283592150c85d6827" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bcfe8233fe866238d364e338a7" ON "change_history" ("case_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_21fca81762eeb1abd89ecefcd0" ON "change_history" ("changed_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a4befd2257a78382f3acfa8149" ON "change_history" ("changed_by_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "change_history_entity" ON "change_history" ("entity_type", "entity_id", "changed_at")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."arrangement_status" AS ENUM('ACTIVE', 'COMPLETED', 'BROKEN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_arrangement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "total_cents" integer NOT NULL, "instalment_count" smallint NOT NULL, "instalment_cents" integer NOT NULL, "start_date" date NOT NULL, "due_day" smallint NOT NULL, "status" "public"."arrangement_status" NOT NULL DEFAULT 'ACTIVE', "missed_tolerance" smallint NOT NULL DEFAULT '2', "origin_org_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "payment_arrangement_tolerance" CHECK ("missed_tolerance" BETWEEN 1 AND 12), CONSTRAINT "payment_arrangement_due_day" CHECK ("due_day" BETWEEN 1 AND 28), CONSTRAINT "payment_arrangement_amounts" CHECK ("total_cents" > 0 AND "instalment_count" BETWEEN 1 AND 120 AND "instalment_cents" > 0), CONSTRAINT "PK_24f3b723a43dfe0f59724787cb8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6b9d68ebd35a666e7b3355087b" ON "payment_arrangement" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_82ad80438f4c33c2a0e82d2ea2" ON "payment_arrangement" ("created_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "payment_arrangement_case" ON "payment_arrangement" ("case_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."instalment_status" AS ENUM('DUE', 'PAID_ON_TIME', 'PAID_LATE', 'MISSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "instalment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "arrangement_id" uuid NOT NULL, "case_id" uuid NOT NULL, "sequence" smallint NOT NULL, "due_on" date NOT NULL, "amount_cents" integer NOT NULL, "status" "public"."instalment_status" NOT NULL DEFAULT 'DUE', "paid_on" date, "paid_cents" integer, "origin_org_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "instalment_sequence" UNIQUE ("arrangement_id", "sequence"), CONSTRAINT "instalment_paid_consistent" CHECK (("status" IN ('PAID_ON_TIME', 'PAID_LATE')) = ("paid_on" IS NOT NULL)), CONSTRAINT "instalment_amounts" CHECK ("amount_cents" > 0 AND ("paid_cents" IS NULL OR "paid_cents" >= 0)), CONSTRAINT "PK_d6125746c630f2d27d730419f6e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_57608a25e7e3e27dd69a064c80" ON "instalment" ("case_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_847556ccb2de58dc39e486c6f9" ON "instalment" ("origin_org_id")`,
    );
    await queryRunner.query(`CREATE INDEX "instalment_due" ON "instalment" ("status", "due_on")`);
    await queryRunner.query(`CREATE TYPE "public"."milestone_kind" AS ENUM('ON_TIME_STREAK', 'COMPLETED')`);
    await queryRunner.query(
      `CREATE TYPE "public"."reward_status" AS ENUM('PROPOSED', 'CONFIRMED', 'DECLINED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "arrangement_milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "arrangement_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" "public"."milestone_kind" NOT NULL, "reached_at_sequence" smallint NOT NULL, "reached_on" date NOT NULL, "reward_description" character varying(200), "reward_cents" integer, "reward_status" "public"."reward_status" NOT NULL DEFAULT 'PROPOSED', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "origin_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "arrangement_milestone_once" UNIQUE ("arrangement_id", "kind", "reached_at_sequence"), CONSTRAINT "arrangement_milestone_reward" CHECK ("reward_cents" IS NULL OR "reward_cents" >= 0), CONSTRAINT "PK_fe9d2121a1de741809f96ccb973" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_defb65640c13d18debb2f6bcc9" ON "arrangement_milestone" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_25814bb9b9f7946b3f5db80dd8" ON "arrangement_milestone" ("decided_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_18b99bc6a459ad59bad677effb" ON "arrangement_milestone" ("origin_org_id")`,
    );
    await queryRunner.query(`CREATE TYPE "public"."note_visibility" AS ENUM('OWN_ORG', 'SHARED')`);
    await queryRunner.query(
      `CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "body" text NOT NULL, "visibility" "public"."note_visibility" NOT NULL, "origin_org_id" uuid NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_note_body_present" CHECK (length(trim("body")) > 0), CONSTRAINT "PK_7b0442af3f3d9273fb63d2799a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8ae3de65935b20b4ab6e2e522f" ON "case_note" ("origin_org_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_0d34d6c06378d0316a0f583aab" ON "case_note" ("author_id")`);
    await queryRunner.query(`CREATE INDEX "case_note_case_time" ON "case_note" ("case_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "action_plan" ADD CONSTRAINT "FK_b1ed1f819144f2dc6d318f544aa" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan" ADD CONSTRAINT "FK_c23756f2b3aef92004afafdaad9" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" ADD CONSTRAINT "FK_d1d54b8e0bc3cc302e19623d569" FOREIGN KEY ("plan_id") REFERENCES "action_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" ADD CONSTRAINT "FK_72dc677640e5cbaa42e2a411974" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" ADD CONSTRAINT "FK_d6496e2368d6d38a4771f39db2f" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" ADD CONSTRAINT "FK_2e5a9ec4887c2104c9fa75841ab" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_58a9278d26ce0aa3d381462f433" FOREIGN KEY ("plan_id") REFERENCES "action_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_4874a628c44bd1cce80f5feabbf" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_df9b121ad1968775af8f0b724db" FOREIGN KEY ("owner_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_9b521b98237ff511a20e684416f" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_328a8297dfa9349dd463a003965" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_6285e5cdabaacd332b08c2eacee" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" ADD CONSTRAINT "FK_9963486aa74af19c78e475f429b" FOREIGN KEY ("plan_id") REFERENCES "action_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" ADD CONSTRAINT "FK_ca02243f97ca9408efb658efac2" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" ADD CONSTRAINT "FK_9d43f92b414f83b4878d941fa12" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" ADD CONSTRAINT "FK_40537fd4c7827ac78b530896e2d" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" ADD CONSTRAINT "FK_50e3ec4dd4d6f480bff205b643b" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" ADD CONSTRAINT "FK_4fe48d00ec831fb91a9883ff95e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" ADD CONSTRAINT "FK_96d778a5dce9166cafaff454364" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" ADD CONSTRAINT "FK_6632b664a666a51fd4eeb8dd42e" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_history" ADD CONSTRAINT "FK_bcfe8233fe866238d364e338a7a" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_history" ADD CONSTRAINT "FK_21fca81762eeb1abd89ecefcd07" FOREIGN KEY ("changed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_history" ADD CONSTRAINT "FK_a4befd2257a78382f3acfa8149f" FOREIGN KEY ("changed_by_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" ADD CONSTRAINT "FK_b88f7de10d2ea8c0fbc17121e5e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" ADD CONSTRAINT "FK_6b9d68ebd35a666e7b3355087b8" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" ADD CONSTRAINT "FK_82ad80438f4c33c2a0e82d2ea2e" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "instalment" ADD CONSTRAINT "FK_aad313f3257c95da1afdae74654" FOREIGN KEY ("arrangement_id") REFERENCES "payment_arrangement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "instalment" ADD CONSTRAINT "FK_57608a25e7e3e27dd69a064c803" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "instalment" ADD CONSTRAINT "FK_847556ccb2de58dc39e486c6f93" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" ADD CONSTRAINT "FK_fd130b0c09104a5136af3e5ed34" FOREIGN KEY ("arrangement_id") REFERENCES "payment_arrangement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" ADD CONSTRAINT "FK_defb65640c13d18debb2f6bcc9e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" ADD CONSTRAINT "FK_25814bb9b9f7946b3f5db80dd88" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" ADD CONSTRAINT "FK_18b99bc6a459ad59bad677effb0" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_note" ADD CONSTRAINT "FK_e9997cf60eeebccc538b273d76e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_note" ADD CONSTRAINT "FK_8ae3de65935b20b4ab6e2e522f3" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_note" ADD CONSTRAINT "FK_0d34d6c06378d0316a0f583aab0" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "FK_0d34d6c06378d0316a0f583aab0"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "FK_8ae3de65935b20b4ab6e2e522f3"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "FK_e9997cf60eeebccc538b273d76e"`);
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" DROP CONSTRAINT "FK_18b99bc6a459ad59bad677effb0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" DROP CONSTRAINT "FK_25814bb9b9f7946b3f5db80dd88"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" DROP CONSTRAINT "FK_defb65640c13d18debb2f6bcc9e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrangement_milestone" DROP CONSTRAINT "FK_fd130b0c09104a5136af3e5ed34"`,
    );
    await queryRunner.query(`ALTER TABLE "instalment" DROP CONSTRAINT "FK_847556ccb2de58dc39e486c6f93"`);
    await queryRunner.query(`ALTER TABLE "instalment" DROP CONSTRAINT "FK_57608a25e7e3e27dd69a064c803"`);
    await queryRunner.query(`ALTER TABLE "instalment" DROP CONSTRAINT "FK_aad313f3257c95da1afdae74654"`);
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" DROP CONSTRAINT "FK_82ad80438f4c33c2a0e82d2ea2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" DROP CONSTRAINT "FK_6b9d68ebd35a666e7b3355087b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_arrangement" DROP CONSTRAINT "FK_b88f7de10d2ea8c0fbc17121e5e"`,
    );
    await queryRunner.query(`ALTER TABLE "change_history" DROP CONSTRAINT "FK_a4befd2257a78382f3acfa8149f"`);
    await queryRunner.query(`ALTER TABLE "change_history" DROP CONSTRAINT "FK_21fca81762eeb1abd89ecefcd07"`);
    await queryRunner.query(`ALTER TABLE "change_history" DROP CONSTRAINT "FK_bcfe8233fe866238d364e338a7a"`);
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" DROP CONSTRAINT "FK_6632b664a666a51fd4eeb8dd42e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" DROP CONSTRAINT "FK_96d778a5dce9166cafaff454364"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" DROP CONSTRAINT "FK_4fe48d00ec831fb91a9883ff95e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_comment" DROP CONSTRAINT "FK_50e3ec4dd4d6f480bff205b643b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" DROP CONSTRAINT "FK_40537fd4c7827ac78b530896e2d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" DROP CONSTRAINT "FK_9d43f92b414f83b4878d941fa12"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" DROP CONSTRAINT "FK_ca02243f97ca9408efb658efac2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_condition" DROP CONSTRAINT "FK_9963486aa74af19c78e475f429b"`,
    );
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_6285e5cdabaacd332b08c2eacee"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_328a8297dfa9349dd463a003965"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_9b521b98237ff511a20e684416f"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_df9b121ad1968775af8f0b724db"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_4874a628c44bd1cce80f5feabbf"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_58a9278d26ce0aa3d381462f433"`);
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" DROP CONSTRAINT "FK_2e5a9ec4887c2104c9fa75841ab"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" DROP CONSTRAINT "FK_d6496e2368d6d38a4771f39db2f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" DROP CONSTRAINT "FK_72dc677640e5cbaa42e2a411974"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_plan_goal" DROP CONSTRAINT "FK_d1d54b8e0bc3cc302e19623d569"`,
    );
    await queryRunner.query(`ALTER TABLE "action_plan" DROP CONSTRAINT "FK_c23756f2b3aef92004afafdaad9"`);
    await queryRunner.query(`ALTER TABLE "action_plan" DROP CONSTRAINT "FK_b1ed1f819144f2dc6d318f544aa"`);
    await queryRunner.query(`DROP INDEX "public"."case_note_case_time"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d34d6c06378d0316a0f583aab"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8ae3de65935b20b4ab6e2e522f"`);
    await queryRunner.query(`DROP TABLE "case_note"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_18b99bc6a459ad59bad677effb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_25814bb9b9f7946b3f5db80dd8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_defb65640c13d18debb2f6bcc9"`);
    await queryRunner.query(`DROP TABLE "arrangement_milestone"`);
    await queryRunner.query(`DROP INDEX "public"."instalment_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_847556ccb2de58dc39e486c6f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_57608a25e7e3e27dd69a064c80"`);
    await queryRunner.query(`DROP TABLE "instalment"`);
    await queryRunner.query(`DROP INDEX "public"."payment_arrangement_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_82ad80438f4c33c2a0e82d2ea2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b9d68ebd35a666e7b3355087b"`);
    await queryRunner.query(`DROP TABLE "payment_arrangement"`);
    await queryRunner.query(`DROP INDEX "public"."change_history_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a4befd2257a78382f3acfa8149"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21fca81762eeb1abd89ecefcd0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bcfe8233fe866238d364e338a7"`);
    await queryRunner.query(`DROP TABLE "change_history"`);
    await queryRunner.query(`DROP INDEX "public"."action_item_comment_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6632b664a666a51fd4eeb8dd42"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_96d778a5dce9166cafaff45436"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4fe48d00ec831fb91a9883ff95"`);
    await queryRunner.query(`DROP TABLE "action_item_comment"`);
    await queryRunner.query(`DROP INDEX "public"."action_plan_condition_plan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_40537fd4c7827ac78b530896e2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9d43f92b414f83b4878d941fa1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ca02243f97ca9408efb658efac"`);
    await queryRunner.query(`DROP TABLE "action_plan_condition"`);
    await queryRunner.query(`DROP INDEX "public"."action_item_plan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6285e5cdabaacd332b08c2eace"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_328a8297dfa9349dd463a00396"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b521b98237ff511a20e684416"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df9b121ad1968775af8f0b724d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4874a628c44bd1cce80f5feabb"`);
    await queryRunner.query(`DROP TABLE "action_item"`);
    await queryRunner.query(`DROP INDEX "public"."action_plan_goal_plan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e5a9ec4887c2104c9fa75841a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d6496e2368d6d38a4771f39db2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72dc677640e5cbaa42e2a41197"`);
    await queryRunner.query(`DROP TABLE "action_plan_goal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c23756f2b3aef92004afafdaad"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b1ed1f819144f2dc6d318f544a"`);
    await queryRunner.query(`DROP TABLE "action_plan"`);
    await queryRunner.query(`DROP TYPE "public"."note_visibility"`);
    await queryRunner.query(`DROP TYPE "public"."reward_status"`);
    await queryRunner.query(`DROP TYPE "public"."milestone_kind"`);
    await queryRunner.query(`DROP TYPE "public"."instalment_status"`);
    await queryRunner.query(`DROP TYPE "public"."arrangement_status"`);
    await queryRunner.query(`DROP TYPE "public"."action_item_status"`);
  }
}
