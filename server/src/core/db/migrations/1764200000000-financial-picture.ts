import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The financial picture gathered at intake: budget lines (INCOME_EXPENSES) and the creditor overview (DEBTS). */
export class FinancialPicture1764200000000 implements MigrationInterface {
  name = 'FinancialPicture1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "debt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "creditor" character varying(200) NOT NULL, "amount_cents" integer NOT NULL, "collected_by" character varying(200), "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "debt_amount_non_negative" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_f0904ec85a9c8792dded33608a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b1b5620d3a4e5c821d8cd629de" ON "debt" ("origin_org_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_23a8b60a711732e49317efeef5" ON "debt" ("recorded_by_id")`);
    await queryRunner.query(`CREATE INDEX "debt_case" ON "debt" ("case_id")`);
    await queryRunner.query(`CREATE TYPE "public"."income_expense_kind" AS ENUM('INCOME', 'EXPENSE')`);
    await queryRunner.query(
      `CREATE TABLE "income_expense_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" "public"."income_expense_kind" NOT NULL, "description" character varying(200) NOT NULL, "monthly_amount_cents" integer NOT NULL, "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "income_expense_item_amount_non_negative" CHECK ("monthly_amount_cents" >= 0), CONSTRAINT "PK_0570a7e42b84586323eed0d0c93" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_75ab1c8a2722e7b7fcd33f3e82" ON "income_expense_item" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4a8c5b4ba9c8258e7bf98802b9" ON "income_expense_item" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "income_expense_item_case" ON "income_expense_item" ("case_id", "kind")`,
    );
    await queryRunner.query(
      `ALTER TABLE "debt" ADD CONSTRAINT "FK_5a49485678504b10ce25eedadc2" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "debt" ADD CONSTRAINT "FK_b1b5620d3a4e5c821d8cd629de7" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "debt" ADD CONSTRAINT "FK_23a8b60a711732e49317efeef5a" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" ADD CONSTRAINT "FK_6ab8ee824c5379f9a461ab9b7ce" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" ADD CONSTRAINT "FK_75ab1c8a2722e7b7fcd33f3e826" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" ADD CONSTRAINT "FK_4a8c5b4ba9c8258e7bf98802b94" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" DROP CONSTRAINT "FK_4a8c5b4ba9c8258e7bf98802b94"`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" DROP CONSTRAINT "FK_75ab1c8a2722e7b7fcd33f3e826"`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_expense_item" DROP CONSTRAINT "FK_6ab8ee824c5379f9a461ab9b7ce"`,
    );
    await queryRunner.query(`ALTER TABLE "debt" DROP CONSTRAINT "FK_23a8b60a711732e49317efeef5a"`);
    await queryRunner.query(`ALTER TABLE "debt" DROP CONSTRAINT "FK_b1b5620d3a4e5c821d8cd629de7"`);
    await queryRunner.query(`ALTER TABLE "debt" DROP CONSTRAINT "FK_5a49485678504b10ce25eedadc2"`);
    await queryRunner.query(`DROP INDEX "public"."income_expense_item_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a8c5b4ba9c8258e7bf98802b9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_75ab1c8a2722e7b7fcd33f3e82"`);
    await queryRunner.query(`DROP TABLE "income_expense_item"`);
    await queryRunner.query(`DROP TYPE "public"."income_expense_kind"`);
    await queryRunner.query(`DROP INDEX "public"."debt_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_23a8b60a711732e49317efeef5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b1b5620d3a4e5c821d8cd629de"`);
    await queryRunner.query(`DROP TABLE "debt"`);
  }
}
