CREATE TABLE "export_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target" jsonb NOT NULL,
	"reason" text NOT NULL,
	"people" integer NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"approval_division_code" varchar(15) NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requester_username" text NOT NULL,
	"requester_role" text NOT NULL,
	"requester_division_code" varchar(15),
	"requester_organisation_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"file_id" uuid,
	"expires_at" timestamp with time zone,
	"downloaded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "live_events" ADD COLUMN "recipient_id" uuid;--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_requests" ADD CONSTRAINT "export_requests_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_requests_requester_idx" ON "export_requests" USING btree ("requested_by","requested_at");--> statement-breakpoint
CREATE INDEX "export_requests_approval_idx" ON "export_requests" USING btree ("approval_division_code" varchar_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "export_requests_expiry_idx" ON "export_requests" USING btree ("status","expires_at");