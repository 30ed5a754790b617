CREATE TABLE "source_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"source" text NOT NULL,
	"field" text NOT NULL,
	"value_cipher" text NOT NULL,
	"as_of" date NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "source_values" ADD CONSTRAINT "source_values_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_values" ADD CONSTRAINT "source_values_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "source_values_unique_idx" ON "source_values" USING btree ("subject_id","source","field","as_of");--> statement-breakpoint
CREATE INDEX "source_values_subject_idx" ON "source_values" USING btree ("subject_id");