CREATE TABLE "care_level_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"level" text NOT NULL,
	"kind" text,
	"min_age" smallint,
	"categories_all" text[] DEFAULT '{}' NOT NULL,
	"categories_any" text[] DEFAULT '{}' NOT NULL,
	"reason" text NOT NULL,
	"sort_order" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_level_rules" ADD CONSTRAINT "care_level_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_level_rules_effective_idx" ON "care_level_rules" USING btree ("effective_from");