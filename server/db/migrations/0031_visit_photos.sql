CREATE TABLE "visit_photo_parts" (
	"photo_id" uuid NOT NULL,
	"offset" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "visit_photo_parts_photo_id_offset_pk" PRIMARY KEY("photo_id","offset")
);
--> statement-breakpoint
CREATE TABLE "visit_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visitor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"visit_id" uuid NOT NULL,
	"n" smallint NOT NULL,
	"size" integer NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"client_exif" jsonb,
	"file_id" uuid,
	"similar_file_id" uuid,
	"similar_visit_id" uuid,
	"similar_distance" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "visit_photo_parts" ADD CONSTRAINT "visit_photo_parts_photo_id_visit_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."visit_photos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visitor_id_users_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_similar_file_id_files_id_fk" FOREIGN KEY ("similar_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_similar_visit_id_visits_id_fk" FOREIGN KEY ("similar_visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_photos_key_idx" ON "visit_photos" USING btree ("visitor_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_photos_visit_idx" ON "visit_photos" USING btree ("visit_id","n");