CREATE TABLE "visit_dues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"care_level" text NOT NULL,
	"visitor_id" uuid,
	"source" text NOT NULL,
	"requirement" text NOT NULL,
	"period" text,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"required" smallint NOT NULL,
	"required_home" smallint NOT NULL,
	"kinds" text[] NOT NULL,
	"done" smallint DEFAULT 0 NOT NULL,
	"done_home" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"done_at" timestamp with time zone,
	"excused_at" timestamp with time zone,
	"excused_reason" text,
	"policy_version" integer,
	"escalation" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer GENERATED ALWAYS AS IDENTITY (sequence name "visit_policies_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"effective_from" date NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"rules" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"visitor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_accuracy" double precision,
	"check_in_at" timestamp with time zone,
	"check_out_lat" double precision,
	"check_out_lng" double precision,
	"check_out_accuracy" double precision,
	"check_out_at" timestamp with time zone,
	"gps_issue" text,
	"assessment" jsonb,
	"findings" jsonb,
	"outreach" text[] DEFAULT '{}' NOT NULL,
	"survey" jsonb,
	"note" text,
	"client_key" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_dues" ADD CONSTRAINT "visit_dues_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_dues" ADD CONSTRAINT "visit_dues_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_policies" ADD CONSTRAINT "visit_policies_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_dues_window_idx" ON "visit_dues" USING btree ("subject_id","requirement","window_start");--> statement-breakpoint
CREATE INDEX "visit_dues_open_idx" ON "visit_dues" USING btree ("division_code" varchar_pattern_ops,"status","window_end") WHERE status in ('due', 'overdue');--> statement-breakpoint
CREATE INDEX "visit_dues_subject_idx" ON "visit_dues" USING btree ("subject_id","window_end");--> statement-breakpoint
CREATE INDEX "visit_dues_visitor_idx" ON "visit_dues" USING btree ("visitor_id","window_end") WHERE status in ('due', 'overdue');--> statement-breakpoint
CREATE UNIQUE INDEX "visit_policies_version_idx" ON "visit_policies" USING btree ("version");--> statement-breakpoint
CREATE INDEX "visit_policies_effective_idx" ON "visit_policies" USING btree ("effective_from","version");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client_key_idx" ON "visits" USING btree ("visitor_id","client_key");--> statement-breakpoint
CREATE INDEX "visits_subject_idx" ON "visits" USING btree ("subject_id","started_at");--> statement-breakpoint
CREATE INDEX "visits_division_idx" ON "visits" USING btree ("division_code" varchar_pattern_ops,"started_at");--> statement-breakpoint
CREATE INDEX "visits_started_idx" ON "visits" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "visits_visitor_idx" ON "visits" USING btree ("visitor_id","started_at");