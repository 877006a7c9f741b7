import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling: the counters of failed sign-ins per account and per source address, shared by
 * every server process. The table has the shape rate-limiter-flexible's PostgreSQL store expects; it is
 * created here instead of by the library at start-up, so a running server never needs DDL rights.
 * Keys hold only keyed hashes (HMAC) of e-mail addresses and IP addresses, never the values themselves.
 * And an audit action for a sign-in stopped for a while after too many failures.
 */
export class SignInThrottle1764245000000 implements MigrationInterface {
  name = 'SignInThrottle1764245000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_throttle" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT 0, "expire" bigint, CONSTRAINT "PK_sign_in_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`ALTER TYPE "public"."audit_action" ADD VALUE IF NOT EXISTS 'SIGN_IN_BLOCKED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value; SIGN_IN_BLOCKED stays (unused) after a rollback.
    await queryRunner.query(`DROP TABLE "sign_in_throttle"`);
  }
}
