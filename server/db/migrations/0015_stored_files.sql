CREATE TABLE "file_references" (
	"file_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_references_file_id_entity_entity_id_pk" PRIMARY KEY("file_id","entity","entity_id")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"sha256" varchar(64) NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"original_name" text NOT NULL,
	"purpose" text NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"uploaded_by" uuid,
	"width" integer,
	"height" integer,
	"exif" jsonb,
	"client_exif" jsonb,
	"phash" bit(64),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
ALTER TABLE "file_references" ADD CONSTRAINT "file_references_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_references_entity_idx" ON "file_references" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "files_division_idx" ON "files" USING btree ("division_code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "files_created_at_idx" ON "files" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "files_phash_idx" ON "files" USING btree ("purpose","division_code" varchar_pattern_ops) WHERE phash is not null;