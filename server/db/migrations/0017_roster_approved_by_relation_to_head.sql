ALTER TABLE "subjects" ADD COLUMN "relation_to_head" text;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "roster_rounds" ADD CONSTRAINT "roster_rounds_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;