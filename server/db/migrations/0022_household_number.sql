ALTER TABLE "households" ADD COLUMN "household_number" text;--> statement-breakpoint
CREATE INDEX "households_number_idx" ON "households" USING btree ("division_code","household_number");