CREATE TABLE "roster_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"action" text NOT NULL,
	"subject_id" uuid,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"payload_cipher" text,
	"payload_hash" text,
	"changes" jsonb,
	"removal_reason" text,
	"removal_note" text,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"review_comment" text,
	"import_id" uuid,
	"row_number" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"month" varchar(7) NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"accepted" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"month" varchar(7) NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_round_id_roster_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."roster_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD CONSTRAINT "roster_rounds_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD CONSTRAINT "roster_rounds_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roster_entries_round_person_idx" ON "roster_entries" USING btree ("round_id","id_number_hash");--> statement-breakpoint
CREATE INDEX "roster_entries_division_idx" ON "roster_entries" USING btree ("division_code" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "roster_imports_file_idx" ON "roster_imports" USING btree ("division_code","month","file_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_rounds_street_month_idx" ON "roster_rounds" USING btree ("division_code","month");