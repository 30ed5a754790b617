DROP INDEX "subjects_pinyin_idx";--> statement-breakpoint
DROP INDEX "subjects_order_idx";--> statement-breakpoint
DROP INDEX "subjects_first_char_idx";--> statement-breakpoint
DROP INDEX "subjects_initials_idx";--> statement-breakpoint
CREATE INDEX "subjects_first_chars_idx" ON "subjects" USING btree (left("name", 2),"name_pinyin","name","id","division_code","status");--> statement-breakpoint
CREATE INDEX "subjects_order_idx" ON "subjects" USING btree ("name_pinyin","name","id","division_code","status","name_initials");--> statement-breakpoint
CREATE INDEX "subjects_first_char_idx" ON "subjects" USING btree (left("name", 1),"name_pinyin","name","id","division_code","status");--> statement-breakpoint
CREATE INDEX "subjects_initials_idx" ON "subjects" USING btree (left("name_initials", 2),"name_pinyin","name","id","division_code","status","name_initials");--> statement-breakpoint
-- The planner needs statistics of the new expressions (left(name, 2), …) to choose these indexes.
ANALYZE "subjects";