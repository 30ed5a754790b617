CREATE TABLE "care_level_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"from_level" text,
	"to_level" text NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"subject_id" uuid,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"is_guardian" boolean DEFAULT false NOT NULL,
	"is_emergency" boolean DEFAULT false NOT NULL,
	"phone_cipher" text,
	"phone_hash" text,
	"phone_masked" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"subject_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb,
	"ref_entity" text,
	"ref_id" text,
	"actor_id" uuid,
	"actor_name" text
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"address_cipher" text NOT NULL,
	"address_masked" text NOT NULL,
	"phone_cipher" text,
	"phone_hash" text,
	"phone_masked" text,
	"notes" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"category" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"mobile_cipher" text,
	"mobile_hash" text,
	"mobile_masked" text,
	"landline_cipher" text,
	"landline_hash" text,
	"landline_masked" text,
	"consent" text NOT NULL,
	"consent_date" date,
	"consent_reason" text,
	"living_situation" text,
	"health_notes_cipher" text,
	"disability_kind" text,
	"disability_grade" smallint,
	"benefits" text[] DEFAULT '{}' NOT NULL,
	"care_level" text NOT NULL,
	"care_level_reason" text,
	"care_level_set_by" uuid,
	"care_level_set_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"removed_reason" text,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_level_changes" ADD CONSTRAINT "care_level_changes_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_level_changes" ADD CONSTRAINT "care_level_changes_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_contacts" ADD CONSTRAINT "household_contacts_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_contacts" ADD CONSTRAINT "household_contacts_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_events" ADD CONSTRAINT "household_events_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_events" ADD CONSTRAINT "household_events_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_events" ADD CONSTRAINT "household_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_assignments" ADD CONSTRAINT "subject_assignments_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_assignments" ADD CONSTRAINT "subject_assignments_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_categories" ADD CONSTRAINT "subject_categories_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_care_level_set_by_users_id_fk" FOREIGN KEY ("care_level_set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_level_changes_subject_idx" ON "care_level_changes" USING btree ("subject_id","set_at");--> statement-breakpoint
CREATE INDEX "household_contacts_household_idx" ON "household_contacts" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_contacts_phone_hash_idx" ON "household_contacts" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "household_events_household_idx" ON "household_events" USING btree ("household_id","occurred_at");--> statement-breakpoint
CREATE INDEX "households_division_idx" ON "households" USING btree ("division_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "subject_assignments_visitor_idx" ON "subject_assignments" USING btree ("visitor_id","subject_id");--> statement-breakpoint
CREATE INDEX "subject_assignments_subject_idx" ON "subject_assignments" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "subject_categories_subject_idx" ON "subject_categories" USING btree ("subject_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "subjects_id_number_hash_idx" ON "subjects" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "subjects_division_idx" ON "subjects" USING btree ("division_code" varchar_pattern_ops,"name_pinyin");--> statement-breakpoint
CREATE INDEX "subjects_name_idx" ON "subjects" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "subjects_initials_idx" ON "subjects" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "subjects_pinyin_idx" ON "subjects" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "subjects_mobile_hash_idx" ON "subjects" USING btree ("mobile_hash");--> statement-breakpoint
CREATE INDEX "subjects_landline_hash_idx" ON "subjects" USING btree ("landline_hash");--> statement-breakpoint
CREATE INDEX "subjects_household_idx" ON "subjects" USING btree ("household_id");