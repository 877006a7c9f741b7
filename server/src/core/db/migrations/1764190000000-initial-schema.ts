import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The data model of docs/product.md §1–§3: organisations, people, tenants, cases, the referral chain, consents, audit. */
export class InitialSchema1764190000000 implements MigrationInterface {
  name = 'InitialSchema1764190000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."audit_action" AS ENUM('READ', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'LOGIN', 'ACCESS_DENIED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."data_category" AS ENUM('CONTACT', 'ARREARS', 'HOUSEHOLD', 'INCOME_EXPENSES', 'DEBTS', 'CASE_NOTES', 'ACTION_PLAN', 'ARRANGEMENT', 'SPECIAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("seq" BIGSERIAL NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_user_id" uuid, "actor_org_id" uuid, "action" "public"."audit_action" NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" uuid, "case_id" uuid, "tenant_id" uuid, "categories" "public"."data_category" array NOT NULL, "basis" character varying(100), "request_id" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', "prev_hash" character(64), "hash" character(64), CONSTRAINT "UQ_481efbe8b0a403efe3f47a6528f" UNIQUE ("id"), CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7a2d6b21c108b71bb75a793a2f" ON "audit_event" ("actor_user_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_46e1833a51ccd789a32429a244" ON "audit_event" ("tenant_id")`);
    await queryRunner.query(
      `CREATE INDEX "audit_event_org_time" ON "audit_event" ("actor_org_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_event_case_time" ON "audit_event" ("case_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."organization_kind" AS ENUM('HOUSING_CORPORATION', 'MUNICIPALITY', 'DEBT_COUNSELLING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."organization_kind" NOT NULL, "municipality_code" character(4) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organization_municipality_code_format" CHECK ("municipality_code" ~ '^[0-9]{4}$'), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_62fb7f1dd7419a4f24bbbcb2e9" ON "organization" ("municipality_code")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."preferred_channel" AS ENUM('PHONE', 'EMAIL', 'LETTER', 'SMS_WHATSAPP', 'HOME_VISIT')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."user_locale" AS ENUM('nl', 'en')`);
    await queryRunner.query(
      `CREATE TABLE "tenant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initials" character varying(20) NOT NULL, "prefix" character varying(20), "surname" character varying(200) NOT NULL, "birth_date" date, "street" character varying(200) NOT NULL, "house_number" integer NOT NULL, "house_number_addition" character varying(10), "postcode" character(6) NOT NULL, "city" character varying(100) NOT NULL, "phone" character varying(30), "email" character varying(320), "preferred_channel" "public"."preferred_channel", "language" "public"."user_locale" NOT NULL DEFAULT 'nl', "municipality_code" character(4) NOT NULL, "origin_org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "tenant_postcode_format" CHECK ("postcode" ~ '^[1-9][0-9]{3}[A-Z]{2}$'), CONSTRAINT "PK_da8c6efd67bb301e810e56ac139" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9eb57d4149a9f8d0faa271d8a4" ON "tenant" ("surname")`);
    await queryRunner.query(`CREATE INDEX "IDX_26549a6a617df2e50ded85198f" ON "tenant" ("postcode")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_0a1c0475a5df8cc568a37122a2" ON "tenant" ("municipality_code")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7a14cbf447ed02a495968bfd7c" ON "tenant" ("origin_org_id")`);
    await queryRunner.query(
      `CREATE TABLE "tenancy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "corporation_id" uuid NOT NULL, "contract_number" character varying(50) NOT NULL, "monthly_rent_cents" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenancy_corporation_contract" UNIQUE ("corporation_id", "contract_number"), CONSTRAINT "tenancy_rent_non_negative" CHECK ("monthly_rent_cents" >= 0), CONSTRAINT "PK_c98009ac41a45bd29d8a56431ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cd8ab2d70688aa2c4347d9a59b" ON "tenancy" ("tenant_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_5454ba36886fe8e80fd482afe6" ON "tenancy" ("corporation_id")`);
    await queryRunner.query(
      `CREATE TYPE "public"."case_status" AS ENUM('SIGNALLED', 'REFERRED', 'IN_CONTACT', 'INTAKE', 'ADMITTED', 'NOT_ADMITTED', 'STABILISATION', 'SOLUTION', 'AFTERCARE', 'CLOSED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."case_exit_reason" AS ENUM('DEBTS_RESOLVED', 'ARREARS_PAID', 'TENANT_DECLINED_HELP', 'NO_CONTACT', 'MOVED', 'EVICTED', 'DECEASED', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "tenant_id" uuid NOT NULL, "tenancy_id" uuid, "origin_org_id" uuid NOT NULL, "status" "public"."case_status" NOT NULL DEFAULT 'SIGNALLED', "crisis" boolean NOT NULL DEFAULT false, "exit_reason" "public"."case_exit_reason", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "case_file_closed_consistent" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "case_file_reference_format" CHECK ("reference" ~ '^VN-[0-9]{4}-[0-9]{6}$'), CONSTRAINT "PK_911fb1b39fb664d0e88843036b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8b2d3382d18e097c99977ed90d" ON "case_file" ("reference")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_38ca6b6006b2e2157ef19f60be" ON "case_file" ("tenant_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_ec669851e9f26e2e4fa73dc4ae" ON "case_file" ("tenancy_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_5635e58fd114757b4436a4899e" ON "case_file" ("origin_org_id")`);
    await queryRunner.query(
      `CREATE INDEX "case_file_status_updated" ON "case_file" ("status", "updated_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "locale" "public"."user_locale" NOT NULL DEFAULT 'nl', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_email_normalised" CHECK ("email" = lower("email")), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3fa909d0e37c531ebc23770339" ON "app_user" ("email")`);
    await queryRunner.query(
      `CREATE TABLE "arrears" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "arose_on" date NOT NULL, "months_in_arrears" smallint NOT NULL, "origin_org_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "REL_d90c7cbaa7810a2f323a499499" UNIQUE ("case_id"), CONSTRAINT "arrears_months_non_negative" CHECK ("months_in_arrears" >= 0), CONSTRAINT "arrears_amount_non_negative" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_a6601978ecad44a86b28de29d7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d90c7cbaa7810a2f323a499499" ON "arrears" ("case_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_74b9c124b3218f3148e7e37980" ON "arrears" ("origin_org_id")`);
    await queryRunner.query(
      `CREATE TABLE "arrears_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "arose_on" date NOT NULL, "months_in_arrears" smallint NOT NULL, "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "arrears_change_months_non_negative" CHECK ("months_in_arrears" >= 0), CONSTRAINT "arrears_change_amount_non_negative" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_ab16f352dd06e9cd43d0cb3be63" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3b59c99f48ff13a26d42eb4f94" ON "arrears_change" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_94896fdbd24f419d2d2f547d29" ON "arrears_change" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "arrears_change_case_recorded" ON "arrears_change" ("case_id", "recorded_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "collection_pause" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "reason" text NOT NULL, "automatic" boolean NOT NULL DEFAULT false, "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "collection_pause_period" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_219f4ef74357911cbd2f9054bac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_34f7a84bf555ac125e89f8ef48" ON "collection_pause" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d3ba131ca07d0363d1deb88fd2" ON "collection_pause" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "collection_pause_case_period" ON "collection_pause" ("case_id", "starts_on", "ends_on")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."collection_step_kind" AS ENUM('REMINDER', 'DEMAND', 'FOURTEEN_DAY_LETTER', 'BAILIFF', 'SUMMONS', 'JUDGMENT', 'EVICTION_SCHEDULED', 'EVICTED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "collection_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" "public"."collection_step_kind" NOT NULL, "step_date" date NOT NULL, "note" text, "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2614435007b04f0e4706b49006c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4b90242f331a7a95b9ebdc404c" ON "collection_step" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_872e81eb48fd179e92be08a836" ON "collection_step" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "collection_step_case_date" ON "collection_step" ("case_id", "step_date")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."membership_role" AS ENUM('CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD', 'PRIVACY_OFFICER', 'ORG_ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "membership_user_organization_role" UNIQUE ("user_id", "organization_id", "role"), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e9c72e8d29784031c96f5c6af8" ON "membership" ("user_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_412ffe9391a352e8a4e3dc46f6" ON "membership" ("organization_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "active_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9ccf6d901cef4067214284f327" ON "user_session" ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_6ceb7f5e62283d9d6f9a668ca6" ON "user_session" ("active_membership_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at")`);
    await queryRunner.query(
      `CREATE TABLE "case_assignee" ("case_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "assigned_by_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_992ecc4b6f72f6f5eaf8e7e4afc" PRIMARY KEY ("case_id", "organization_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e07c533d770f84b5527787a3a8" ON "case_assignee" ("organization_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8dc531eb1c16561d13b56dd7c6" ON "case_assignee" ("assigned_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_assignee_user_case" ON "case_assignee" ("user_id", "case_id")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."participant_role" AS ENUM('REFERRER', 'MUNICIPALITY', 'DEBT_COUNSELLING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_participant" ("case_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "role" "public"."participant_role" NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2fb862abc5a7109a22bf552075e" PRIMARY KEY ("case_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_participant_org_case" ON "case_participant" ("organization_id", "case_id")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."consent_purpose" AS ENUM('DEBT_ASSISTANCE', 'EVICTION_PREVENTION', 'ARRANGEMENT_COORDINATION')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."consent_channel" AS ENUM('WRITTEN', 'DIGITAL', 'VERBAL_CONFIRMED_IN_WRITING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "recipient_org_id" uuid NOT NULL, "purpose" "public"."consent_purpose" NOT NULL, "categories" "public"."data_category" array NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" "public"."consent_channel" NOT NULL, "wording_version" character varying(50) NOT NULL, "wording_text" text NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_by_org_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_id" uuid, "withdrawal_channel" "public"."consent_channel", CONSTRAINT "consent_withdrawal_consistent" CHECK (("withdrawn_at" IS NULL) = ("withdrawn_by_id" IS NULL) AND ("withdrawn_at" IS NULL) = ("withdrawal_channel" IS NULL)), CONSTRAINT "consent_has_categories" CHECK (cardinality("categories") > 0), CONSTRAINT "consent_period" CHECK ("valid_until" > "valid_from"), CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c8a28bde616b7ce1aaf7a7e819" ON "consent" ("case_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_314faa976d3f9e8d05fcf890b4" ON "consent" ("recipient_org_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_da1e9e204e02e8a05ce5a87d97" ON "consent" ("recorded_by_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_121c37927a6fee1a3c02c3a2fb" ON "consent" ("recorded_by_org_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4c9071ba07edb00afa79e4c10d" ON "consent" ("withdrawn_by_id")`);
    await queryRunner.query(
      `CREATE INDEX "consent_lookup" ON "consent" ("tenant_id", "recipient_org_id", "valid_until")`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_sharing_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "region_code" character(4) NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "referral_respond_within_working_days" smallint NOT NULL DEFAULT '5', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "data_sharing_agreement_respond_within" CHECK ("referral_respond_within_working_days" BETWEEN 1 AND 60), CONSTRAINT "data_sharing_agreement_period" CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from"), CONSTRAINT "PK_4c1c1a4503471d4b770b990258f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_516baefd96c134449c6a1a2bd2" ON "data_sharing_agreement" ("region_code")`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_sharing_agreement_party" ("agreement_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_9f67c717f2cb35f1391e3c53dc3" PRIMARY KEY ("agreement_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d15e3862f8ceb46454a6c34a02" ON "data_sharing_agreement_party" ("organization_id")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "from_org_id" uuid NOT NULL, "to_org_id" uuid NOT NULL, "to_role" "public"."participant_role" NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'PENDING', "message" text NOT NULL, "respond_by" date NOT NULL, "created_by_id" uuid NOT NULL, "responded_by_id" uuid, "responded_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "referral_response_consistent" CHECK (("status" = 'PENDING') = ("responded_at" IS NULL)), CONSTRAINT "referral_decline_has_reason" CHECK ("status" <> 'DECLINED' OR length(trim("decline_reason")) > 0), CONSTRAINT "referral_not_to_self" CHECK ("from_org_id" <> "to_org_id"), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a3c42a65967c8a70e3ae1e1b6b" ON "referral" ("case_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_80e53822d22e8181b55aca2eb1" ON "referral" ("created_by_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_bbd865232817b6ced8d5f15d8a" ON "referral" ("responded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_from_org_status" ON "referral" ("from_org_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_to_org_status" ON "referral" ("to_org_id", "status", "respond_by")`,
    );
    await queryRunner.query(`CREATE TYPE "public"."signal_partner_type" AS ENUM('HUUR')`);
    await queryRunner.query(
      `CREATE TYPE "public"."signal_end_result" AS ENUM('NOT_PICKED_UP_REPEAT', 'NOT_PICKED_UP_UNJUSTIFIED', 'NOT_PICKED_UP_OTHER_REASON', 'DECEASED', 'NOT_A_RESIDENT', 'ALREADY_KNOWN_TO_DEBT_HELP', 'OTHER_TRAJECTORY', 'NO_CONTACT', 'NO_RESPONSE_AFTER_CONTACT', 'NO_HELP_WANTED', 'ALREADY_PAID_OR_ARRANGED', 'ADVICE_QUICK_FIX', 'FOLLOW_UP_FINANCIAL', 'REFERRAL_WITHOUT_CONTACT', 'FOLLOW_UP_NON_FINANCIAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "signal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "sender_org_id" uuid NOT NULL, "recipient_org_id" uuid NOT NULL, "signal_date" date NOT NULL, "arrears_amount_cents" integer NOT NULL, "arrears_arose_on" date NOT NULL, "crisis" boolean NOT NULL DEFAULT false, "warm_handover" boolean NOT NULL DEFAULT false, "partner_type" "public"."signal_partner_type" NOT NULL DEFAULT 'HUUR', "end_result" "public"."signal_end_result", "end_result_at" TIMESTAMP WITH TIME ZONE, "end_result_by_id" uuid, "sent_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signal_end_result_consistent" CHECK (("end_result" IS NULL) = ("end_result_at" IS NULL)), CONSTRAINT "signal_arrears_non_negative" CHECK ("arrears_amount_cents" >= 0), CONSTRAINT "PK_bc7222a78e5bc0403a1988c1daf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a8e2610478e602c0e2c4b7d74e" ON "signal" ("case_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_80d9d7eb2c7ac5c9b71b2d524f" ON "signal" ("sender_org_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_7834e451fae0c55434f3fa6866" ON "signal" ("end_result_by_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_634c34088c5d78ffe341f4bf4e" ON "signal" ("sent_by_id")`);
    await queryRunner.query(
      `CREATE INDEX "signal_recipient_date" ON "signal" ("recipient_org_id", "signal_date")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."contact_channel" AS ENUM('MAIL', 'LETTER', 'SMS_WHATSAPP', 'PHONE', 'HOME_VISIT', 'CARD', 'OTHER', 'ADMINISTRATIVE')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."day_part" AS ENUM('MORNING', 'AFTERNOON', 'EVENING')`);
    await queryRunner.query(
      `CREATE TABLE "contact_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "signal_id" uuid, "channel" "public"."contact_channel" NOT NULL, "attempted_on" date NOT NULL, "day_part" "public"."day_part" NOT NULL, "reached" boolean NOT NULL, "note" text, "origin_org_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abf634ac7eea109d9fe6e267618" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c96f11339009c4c9ac5177b530" ON "contact_attempt" ("signal_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1383d0c85b08e6d84d215008df" ON "contact_attempt" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4bcdbc0f14316e7825d0c3f90b" ON "contact_attempt" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "contact_attempt_case_date" ON "contact_attempt" ("case_id", "attempted_on")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."pre_signal_step_kind" AS ENUM('WRITTEN_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_POINTER', 'TENANT_OBJECTION')`,
    );
    await queryRunner.query(
      `CREATE TABLE "pre_signal_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" "public"."pre_signal_step_kind" NOT NULL, "performed_on" date NOT NULL, "offered_contact_transfer" boolean, "note" text, "origin_org_id" uuid NOT NULL, "performed_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24fab420e8d7e6fee2aa2df01c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_014bbb30261924dd2f53271fee" ON "pre_signal_step" ("origin_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_514fba309ea60162aae041af15" ON "pre_signal_step" ("performed_by_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "pre_signal_step_case_kind" ON "pre_signal_step" ("case_id", "kind")`,
    );
    await queryRunner.query(
      `CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "adults" smallint NOT NULL DEFAULT '1', "children" smallint NOT NULL DEFAULT '0', "vulnerability_notes" text, "origin_org_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "REL_6b0c1be18455e87ac0dac5f50e" UNIQUE ("tenant_id"), CONSTRAINT "household_counts" CHECK ("adults" >= 1 AND "children" >= 0), CONSTRAINT "PK_26e9111eab2b8908fefe3c645f5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6b0c1be18455e87ac0dac5f50e" ON "household" ("tenant_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7096f768e81e061a1168982482" ON "household" ("origin_org_id")`);
    await queryRunner.query(
      `CREATE TABLE "tenant_identifier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "municipality_org_id" uuid NOT NULL, "bsn_ciphertext" bytea NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenant_identifier_tenant_municipality" UNIQUE ("tenant_id", "municipality_org_id"), CONSTRAINT "PK_20876586d7487d57791412bba49" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c6c71d1119a05839e936714850" ON "tenant_identifier" ("tenant_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d23a1a1c37ce7abe4e7b8791e8" ON "tenant_identifier" ("municipality_org_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f21c418797a64437e0e0679d00" ON "tenant_identifier" ("recorded_by_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant" ADD CONSTRAINT "FK_7a14cbf447ed02a495968bfd7c1" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenancy" ADD CONSTRAINT "FK_cd8ab2d70688aa2c4347d9a59b6" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenancy" ADD CONSTRAINT "FK_5454ba36886fe8e80fd482afe60" FOREIGN KEY ("corporation_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_file" ADD CONSTRAINT "FK_38ca6b6006b2e2157ef19f60be5" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_file" ADD CONSTRAINT "FK_ec669851e9f26e2e4fa73dc4ae3" FOREIGN KEY ("tenancy_id") REFERENCES "tenancy"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_file" ADD CONSTRAINT "FK_5635e58fd114757b4436a4899eb" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears" ADD CONSTRAINT "FK_d90c7cbaa7810a2f323a4994990" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears" ADD CONSTRAINT "FK_74b9c124b3218f3148e7e379809" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears_change" ADD CONSTRAINT "FK_305f18971f589d6a631b4ec40aa" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears_change" ADD CONSTRAINT "FK_3b59c99f48ff13a26d42eb4f949" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrears_change" ADD CONSTRAINT "FK_94896fdbd24f419d2d2f547d298" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_pause" ADD CONSTRAINT "FK_986e7005bd045ecc598d5a0dbf2" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_pause" ADD CONSTRAINT "FK_34f7a84bf555ac125e89f8ef488" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_pause" ADD CONSTRAINT "FK_d3ba131ca07d0363d1deb88fd2c" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_step" ADD CONSTRAINT "FK_cb59d8f003b3e12a4b92e79e408" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_step" ADD CONSTRAINT "FK_4b90242f331a7a95b9ebdc404c3" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_step" ADD CONSTRAINT "FK_872e81eb48fd179e92be08a8364" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "FK_6ceb7f5e62283d9d6f9a668ca61" FOREIGN KEY ("active_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignee" ADD CONSTRAINT "FK_7dd7220769062c956dfc92a1ff4" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignee" ADD CONSTRAINT "FK_e07c533d770f84b5527787a3a87" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignee" ADD CONSTRAINT "FK_f131a10bce6a8bfc2afcc29958f" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignee" ADD CONSTRAINT "FK_8dc531eb1c16561d13b56dd7c68" FOREIGN KEY ("assigned_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_participant" ADD CONSTRAINT "FK_5331713e8cb1f9d3b8878b473cb" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_participant" ADD CONSTRAINT "FK_1fe8c985d7a95b90b377d2d5b07" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_b5caf6fc3cb69a6730cecbd2c4b" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_c8a28bde616b7ce1aaf7a7e819e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_314faa976d3f9e8d05fcf890b41" FOREIGN KEY ("recipient_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_da1e9e204e02e8a05ce5a87d97f" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_121c37927a6fee1a3c02c3a2fb9" FOREIGN KEY ("recorded_by_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_4c9071ba07edb00afa79e4c10df" FOREIGN KEY ("withdrawn_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_sharing_agreement_party" ADD CONSTRAINT "FK_2143041f30be2a3134d9c25709a" FOREIGN KEY ("agreement_id") REFERENCES "data_sharing_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_sharing_agreement_party" ADD CONSTRAINT "FK_d15e3862f8ceb46454a6c34a02b" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_a3c42a65967c8a70e3ae1e1b6b6" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_01de97961e915e184550aa3a8d6" FOREIGN KEY ("from_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_66ea1b7721e79b93ae2da8d85d3" FOREIGN KEY ("to_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_80e53822d22e8181b55aca2eb1f" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "FK_bbd865232817b6ced8d5f15d8a6" FOREIGN KEY ("responded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signal" ADD CONSTRAINT "FK_a8e2610478e602c0e2c4b7d74eb" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signal" ADD CONSTRAINT "FK_80d9d7eb2c7ac5c9b71b2d524fd" FOREIGN KEY ("sender_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signal" ADD CONSTRAINT "FK_2da65037daf5a3655a2057ca774" FOREIGN KEY ("recipient_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signal" ADD CONSTRAINT "FK_634c34088c5d78ffe341f4bf4e2" FOREIGN KEY ("sent_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signal" ADD CONSTRAINT "FK_7834e451fae0c55434f3fa68664" FOREIGN KEY ("end_result_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_attempt" ADD CONSTRAINT "FK_8dba930280a068f514ff9b19e95" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_attempt" ADD CONSTRAINT "FK_c96f11339009c4c9ac5177b530b" FOREIGN KEY ("signal_id") REFERENCES "signal"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_attempt" ADD CONSTRAINT "FK_1383d0c85b08e6d84d215008dfe" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_attempt" ADD CONSTRAINT "FK_4bcdbc0f14316e7825d0c3f90b1" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_signal_step" ADD CONSTRAINT "FK_cc02c82aba9716eb7c78fae18e2" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_signal_step" ADD CONSTRAINT "FK_014bbb30261924dd2f53271fee3" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_signal_step" ADD CONSTRAINT "FK_514fba309ea60162aae041af151" FOREIGN KEY ("performed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household" ADD CONSTRAINT "FK_6b0c1be18455e87ac0dac5f50e3" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household" ADD CONSTRAINT "FK_7096f768e81e061a11689824820" FOREIGN KEY ("origin_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" ADD CONSTRAINT "FK_c6c71d1119a05839e936714850b" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" ADD CONSTRAINT "FK_d23a1a1c37ce7abe4e7b8791e8e" FOREIGN KEY ("municipality_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" ADD CONSTRAINT "FK_f21c418797a64437e0e0679d001" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Human case references (VN-2026-000123) count up across the whole platform.
    await queryRunner.query(`CREATE SEQUENCE "case_reference_seq" START 1`);

    // The audit trail is append-only: rows are never deleted, and an UPDATE may only seal an unsealed row.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard()`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_event_unsealed" ON "audit_event" ("seq") WHERE "hash" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_guard()`);
    await queryRunner.query(`DROP SEQUENCE "case_reference_seq"`);
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" DROP CONSTRAINT "FK_f21c418797a64437e0e0679d001"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" DROP CONSTRAINT "FK_d23a1a1c37ce7abe4e7b8791e8e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_identifier" DROP CONSTRAINT "FK_c6c71d1119a05839e936714850b"`,
    );
    await queryRunner.query(`ALTER TABLE "household" DROP CONSTRAINT "FK_7096f768e81e061a11689824820"`);
    await queryRunner.query(`ALTER TABLE "household" DROP CONSTRAINT "FK_6b0c1be18455e87ac0dac5f50e3"`);
    await queryRunner.query(`ALTER TABLE "pre_signal_step" DROP CONSTRAINT "FK_514fba309ea60162aae041af151"`);
    await queryRunner.query(`ALTER TABLE "pre_signal_step" DROP CONSTRAINT "FK_014bbb30261924dd2f53271fee3"`);
    await queryRunner.query(`ALTER TABLE "pre_signal_step" DROP CONSTRAINT "FK_cc02c82aba9716eb7c78fae18e2"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP CONSTRAINT "FK_4bcdbc0f14316e7825d0c3f90b1"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP CONSTRAINT "FK_1383d0c85b08e6d84d215008dfe"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP CONSTRAINT "FK_c96f11339009c4c9ac5177b530b"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP CONSTRAINT "FK_8dba930280a068f514ff9b19e95"`);
    await queryRunner.query(`ALTER TABLE "signal" DROP CONSTRAINT "FK_7834e451fae0c55434f3fa68664"`);
    await queryRunner.query(`ALTER TABLE "signal" DROP CONSTRAINT "FK_634c34088c5d78ffe341f4bf4e2"`);
    await queryRunner.query(`ALTER TABLE "signal" DROP CONSTRAINT "FK_2da65037daf5a3655a2057ca774"`);
    await queryRunner.query(`ALTER TABLE "signal" DROP CONSTRAINT "FK_80d9d7eb2c7ac5c9b71b2d524fd"`);
    await queryRunner.query(`ALTER TABLE "signal" DROP CONSTRAINT "FK_a8e2610478e602c0e2c4b7d74eb"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_bbd865232817b6ced8d5f15d8a6"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_80e53822d22e8181b55aca2eb1f"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_66ea1b7721e79b93ae2da8d85d3"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_01de97961e915e184550aa3a8d6"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_a3c42a65967c8a70e3ae1e1b6b6"`);
    await queryRunner.query(
      `ALTER TABLE "data_sharing_agreement_party" DROP CONSTRAINT "FK_d15e3862f8ceb46454a6c34a02b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_sharing_agreement_party" DROP CONSTRAINT "FK_2143041f30be2a3134d9c25709a"`,
    );
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_4c9071ba07edb00afa79e4c10df"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_121c37927a6fee1a3c02c3a2fb9"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_da1e9e204e02e8a05ce5a87d97f"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_314faa976d3f9e8d05fcf890b41"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_c8a28bde616b7ce1aaf7a7e819e"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_b5caf6fc3cb69a6730cecbd2c4b"`);
    await queryRunner.query(
      `ALTER TABLE "case_participant" DROP CONSTRAINT "FK_1fe8c985d7a95b90b377d2d5b07"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_participant" DROP CONSTRAINT "FK_5331713e8cb1f9d3b8878b473cb"`,
    );
    await queryRunner.query(`ALTER TABLE "case_assignee" DROP CONSTRAINT "FK_8dc531eb1c16561d13b56dd7c68"`);
    await queryRunner.query(`ALTER TABLE "case_assignee" DROP CONSTRAINT "FK_f131a10bce6a8bfc2afcc29958f"`);
    await queryRunner.query(`ALTER TABLE "case_assignee" DROP CONSTRAINT "FK_e07c533d770f84b5527787a3a87"`);
    await queryRunner.query(`ALTER TABLE "case_assignee" DROP CONSTRAINT "FK_7dd7220769062c956dfc92a1ff4"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_6ceb7f5e62283d9d6f9a668ca61"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`);
    await queryRunner.query(`ALTER TABLE "collection_step" DROP CONSTRAINT "FK_872e81eb48fd179e92be08a8364"`);
    await queryRunner.query(`ALTER TABLE "collection_step" DROP CONSTRAINT "FK_4b90242f331a7a95b9ebdc404c3"`);
    await queryRunner.query(`ALTER TABLE "collection_step" DROP CONSTRAINT "FK_cb59d8f003b3e12a4b92e79e408"`);
    await queryRunner.query(
      `ALTER TABLE "collection_pause" DROP CONSTRAINT "FK_d3ba131ca07d0363d1deb88fd2c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_pause" DROP CONSTRAINT "FK_34f7a84bf555ac125e89f8ef488"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_pause" DROP CONSTRAINT "FK_986e7005bd045ecc598d5a0dbf2"`,
    );
    await queryRunner.query(`ALTER TABLE "arrears_change" DROP CONSTRAINT "FK_94896fdbd24f419d2d2f547d298"`);
    await queryRunner.query(`ALTER TABLE "arrears_change" DROP CONSTRAINT "FK_3b59c99f48ff13a26d42eb4f949"`);
    await queryRunner.query(`ALTER TABLE "arrears_change" DROP CONSTRAINT "FK_305f18971f589d6a631b4ec40aa"`);
    await queryRunner.query(`ALTER TABLE "arrears" DROP CONSTRAINT "FK_74b9c124b3218f3148e7e379809"`);
    await queryRunner.query(`ALTER TABLE "arrears" DROP CONSTRAINT "FK_d90c7cbaa7810a2f323a4994990"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "FK_5635e58fd114757b4436a4899eb"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "FK_ec669851e9f26e2e4fa73dc4ae3"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "FK_38ca6b6006b2e2157ef19f60be5"`);
    await queryRunner.query(`ALTER TABLE "tenancy" DROP CONSTRAINT "FK_5454ba36886fe8e80fd482afe60"`);
    await queryRunner.query(`ALTER TABLE "tenancy" DROP CONSTRAINT "FK_cd8ab2d70688aa2c4347d9a59b6"`);
    await queryRunner.query(`ALTER TABLE "tenant" DROP CONSTRAINT "FK_7a14cbf447ed02a495968bfd7c1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f21c418797a64437e0e0679d00"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d23a1a1c37ce7abe4e7b8791e8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c6c71d1119a05839e936714850"`);
    await queryRunner.query(`DROP TABLE "tenant_identifier"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7096f768e81e061a1168982482"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b0c1be18455e87ac0dac5f50e"`);
    await queryRunner.query(`DROP TABLE "household"`);
    await queryRunner.query(`DROP INDEX "public"."pre_signal_step_case_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_514fba309ea60162aae041af15"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_014bbb30261924dd2f53271fee"`);
    await queryRunner.query(`DROP TABLE "pre_signal_step"`);
    await queryRunner.query(`DROP INDEX "public"."contact_attempt_case_date"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4bcdbc0f14316e7825d0c3f90b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1383d0c85b08e6d84d215008df"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c96f11339009c4c9ac5177b530"`);
    await queryRunner.query(`DROP TABLE "contact_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."signal_recipient_date"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_634c34088c5d78ffe341f4bf4e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7834e451fae0c55434f3fa6866"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_80d9d7eb2c7ac5c9b71b2d524f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a8e2610478e602c0e2c4b7d74e"`);
    await queryRunner.query(`DROP TABLE "signal"`);
    await queryRunner.query(`DROP INDEX "public"."referral_to_org_status"`);
    await queryRunner.query(`DROP INDEX "public"."referral_from_org_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bbd865232817b6ced8d5f15d8a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_80e53822d22e8181b55aca2eb1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3c42a65967c8a70e3ae1e1b6b"`);
    await queryRunner.query(`DROP TABLE "referral"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d15e3862f8ceb46454a6c34a02"`);
    await queryRunner.query(`DROP TABLE "data_sharing_agreement_party"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_516baefd96c134449c6a1a2bd2"`);
    await queryRunner.query(`DROP TABLE "data_sharing_agreement"`);
    await queryRunner.query(`DROP INDEX "public"."consent_lookup"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4c9071ba07edb00afa79e4c10d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_121c37927a6fee1a3c02c3a2fb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_da1e9e204e02e8a05ce5a87d97"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_314faa976d3f9e8d05fcf890b4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8a28bde616b7ce1aaf7a7e819"`);
    await queryRunner.query(`DROP TABLE "consent"`);
    await queryRunner.query(`DROP INDEX "public"."case_participant_org_case"`);
    await queryRunner.query(`DROP TABLE "case_participant"`);
    await queryRunner.query(`DROP INDEX "public"."case_assignee_user_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8dc531eb1c16561d13b56dd7c6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e07c533d770f84b5527787a3a8"`);
    await queryRunner.query(`DROP TABLE "case_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6ceb7f5e62283d9d6f9a668ca6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9ccf6d901cef4067214284f327"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_412ffe9391a352e8a4e3dc46f6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e9c72e8d29784031c96f5c6af8"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP INDEX "public"."collection_step_case_date"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_872e81eb48fd179e92be08a836"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4b90242f331a7a95b9ebdc404c"`);
    await queryRunner.query(`DROP TABLE "collection_step"`);
    await queryRunner.query(`DROP INDEX "public"."collection_pause_case_period"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d3ba131ca07d0363d1deb88fd2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_34f7a84bf555ac125e89f8ef48"`);
    await queryRunner.query(`DROP TABLE "collection_pause"`);
    await queryRunner.query(`DROP INDEX "public"."arrears_change_case_recorded"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_94896fdbd24f419d2d2f547d29"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b59c99f48ff13a26d42eb4f94"`);
    await queryRunner.query(`DROP TABLE "arrears_change"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_74b9c124b3218f3148e7e37980"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d90c7cbaa7810a2f323a499499"`);
    await queryRunner.query(`DROP TABLE "arrears"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3fa909d0e37c531ebc23770339"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."case_file_status_updated"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5635e58fd114757b4436a4899e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ec669851e9f26e2e4fa73dc4ae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_38ca6b6006b2e2157ef19f60be"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8b2d3382d18e097c99977ed90d"`);
    await queryRunner.query(`DROP TABLE "case_file"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5454ba36886fe8e80fd482afe6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd8ab2d70688aa2c4347d9a59b"`);
    await queryRunner.query(`DROP TABLE "tenancy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a14cbf447ed02a495968bfd7c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0a1c0475a5df8cc568a37122a2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_26549a6a617df2e50ded85198f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9eb57d4149a9f8d0faa271d8a4"`);
    await queryRunner.query(`DROP TABLE "tenant"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_62fb7f1dd7419a4f24bbbcb2e9"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP TYPE "public"."pre_signal_step_kind"`);
    await queryRunner.query(`DROP TYPE "public"."day_part"`);
    await queryRunner.query(`DROP TYPE "public"."contact_channel"`);
    await queryRunner.query(`DROP TYPE "public"."signal_end_result"`);
    await queryRunner.query(`DROP TYPE "public"."signal_partner_type"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`DROP TYPE "public"."participant_role"`);
    await queryRunner.query(`DROP TYPE "public"."consent_channel"`);
    await queryRunner.query(`DROP TYPE "public"."data_category"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
    await queryRunner.query(`DROP TYPE "public"."membership_role"`);
    await queryRunner.query(`DROP TYPE "public"."collection_step_kind"`);
    await queryRunner.query(`DROP TYPE "public"."user_locale"`);
    await queryRunner.query(`DROP TYPE "public"."case_exit_reason"`);
    await queryRunner.query(`DROP TYPE "public"."case_status"`);
    await queryRunner.query(`DROP TYPE "public"."preferred_channel"`);
    await queryRunner.query(`DROP TYPE "public"."organization_kind"`);
    await queryRunner.query(`DROP TYPE "public"."audit_action"`);
  }
}
