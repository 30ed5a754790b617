CREATE TABLE "visit_months" (
	"subject_id" uuid NOT NULL,
	"month" varchar(7) NOT NULL,
	"division_code" varchar(15) NOT NULL,
	"home" boolean NOT NULL,
	CONSTRAINT "visit_months_subject_id_month_pk" PRIMARY KEY("subject_id","month")
);
--> statement-breakpoint
ALTER TABLE "visit_months" ADD CONSTRAINT "visit_months_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_months_division_idx" ON "visit_months" USING btree ("month","division_code" varchar_pattern_ops);--> statement-breakpoint
-- the months of the visits recorded before the rollup
INSERT INTO "visit_months" ("subject_id", "month", "division_code", "home")
SELECT "subject_id", to_char("started_at" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), max("division_code"), bool_or("kind" = 'home')
FROM "visits" WHERE "outcome" = 'met' GROUP BY 1, 2;
