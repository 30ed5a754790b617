CREATE TABLE "source_disagreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"subject_name" text NOT NULL,
	"field" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"note" text,
	"values_hash" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "data_migrations" (
	"id" text PRIMARY KEY NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "previous_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "previous_login_ip" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_ip" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "household_number" text;--> statement-breakpoint
ALTER TABLE "source_disagreements" ADD CONSTRAINT "source_disagreements_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_disagreements" ADD CONSTRAINT "source_disagreements_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "source_disagreements_subject_field_idx" ON "source_disagreements" USING btree ("subject_id","field");--> statement-breakpoint
CREATE INDEX "source_disagreements_scope_idx" ON "source_disagreements" USING btree ("division_code" varchar_pattern_ops,"state","field");--> statement-breakpoint
CREATE INDEX "households_number_idx" ON "households" USING btree ("division_code","household_number");