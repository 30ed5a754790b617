CREATE TABLE "care_plans" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"goals" text NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"rhythm" jsonb,
	"review_on" date NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"levels" text[] DEFAULT '{}' NOT NULL,
	"requirement" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_campaigns" ADD CONSTRAINT "visit_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_campaigns_days_idx" ON "visit_campaigns" USING btree ("to_day");