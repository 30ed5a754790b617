ALTER TABLE "households" ADD COLUMN "location_lat" double precision;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "location_lng" double precision;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "location_source" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "location_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "distance_meters" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "review" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "flags" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_review_idx" ON "visits" USING btree ("division_code" varchar_pattern_ops,"recorded_at") WHERE review = 'flagged';