DROP INDEX "roster_imports_file_idx";--> statement-breakpoint
DROP INDEX "roster_rounds_street_month_idx";--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "rejected" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "committed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD COLUMN "reopened_by" uuid;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD CONSTRAINT "roster_rounds_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_imports_month_idx" ON "roster_imports" USING btree ("month","division_code");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_imports_file_idx" ON "roster_imports" USING btree ("division_code","month","file_hash") WHERE "roster_imports"."committed";--> statement-breakpoint
CREATE UNIQUE INDEX "roster_rounds_street_month_idx" ON "roster_rounds" USING btree ("division_code","month","sequence");