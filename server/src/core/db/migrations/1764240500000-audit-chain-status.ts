import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's health, kept by the sealer of every server instance (one row), and a guard that
 * lets a deliberate repair re-link sealed rows — never change what they say.
 */
export class AuditChainStatus1764240500000 implements MigrationInterface {
  name = 'AuditChainStatus1764240500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_chain_status" (
        "id" smallint PRIMARY KEY DEFAULT 1 CONSTRAINT "audit_chain_status_single_row" CHECK ("id" = 1),
        "verified_seq" bigint,
        "verified_hash" character(64),
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "intact" boolean NOT NULL,
        "first_broken_seq" bigint,
        "broken_reason" text,
        CONSTRAINT "audit_chain_status_broken_names_row" CHECK ("intact" OR "first_broken_seq" IS NOT NULL),
        CONSTRAINT "audit_chain_status_verified_pair" CHECK (("verified_seq" IS NULL) = ("verified_hash" IS NULL))
      )`);
    // Re-linking (prev_hash and hash of a sealed row) is allowed only in a transaction that declared
    // it with SET LOCAL vangnet.audit_relink = 'on' (the audit:repair command); the content of a row
    // stays untouchable either way, and deleting or truncating stays refused.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.hash IS NOT NULL
             AND (OLD.hash IS NULL OR current_setting('vangnet.audit_relink', true) = 'on')
             AND (to_jsonb(NEW) - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'prev_hash' - 'hash') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit_event is append-only: only sealing an unsealed row is allowed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
             AND (to_jsonb(NEW) - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'prev_hash' - 'hash') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit_event is append-only: only sealing an unsealed row is allowed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`DROP TABLE "audit_chain_status"`);
  }
}
