DROP INDEX "subjects_division_idx";--> statement-breakpoint
DROP INDEX "subjects_name_idx";--> statement-breakpoint
DROP INDEX "subjects_initials_idx";--> statement-breakpoint
DROP INDEX "subjects_pinyin_idx";--> statement-breakpoint
CREATE INDEX "subjects_order_idx" ON "subjects" USING btree ("name_pinyin","name","id");--> statement-breakpoint
CREATE INDEX "subjects_first_char_idx" ON "subjects" USING btree (left("name", 1),"name_pinyin","name","id");--> statement-breakpoint
CREATE INDEX "subjects_division_idx" ON "subjects" USING btree ("division_code" varchar_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "subjects_name_idx" ON "subjects" USING btree ("name" text_pattern_ops,"division_code" varchar_pattern_ops,"status","name_pinyin","id");--> statement-breakpoint
CREATE INDEX "subjects_initials_idx" ON "subjects" USING btree ("name_initials" text_pattern_ops,"division_code" varchar_pattern_ops,"status","name_pinyin","name","id");--> statement-breakpoint
CREATE INDEX "subjects_pinyin_idx" ON "subjects" USING btree ("name_pinyin" text_pattern_ops,"division_code" varchar_pattern_ops,"status","name","id");