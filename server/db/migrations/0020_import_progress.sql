CREATE TABLE "import_progress" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"phase" text NOT NULL,
	"done" integer NOT NULL,
	"total" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_progress_user_id_key_pk" PRIMARY KEY("user_id","key")
);
