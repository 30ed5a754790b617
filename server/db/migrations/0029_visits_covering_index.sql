DROP INDEX "visits_subject_idx";--> statement-breakpoint
CREATE INDEX "visits_subject_idx" ON "visits" USING btree ("subject_id","started_at","outcome","kind","review");