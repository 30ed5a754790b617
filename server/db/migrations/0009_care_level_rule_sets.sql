-- Every save of the classification rules becomes a version (care_level_rule_sets) that stays for
-- good; the rules of a version point at it. The sets saved so far are moved over as they were.
CREATE TABLE "care_level_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer GENERATED ALWAYS AS IDENTITY (sequence name "care_level_rule_sets_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"effective_from" date NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_level_rules" ADD COLUMN "set_id" uuid;--> statement-breakpoint
ALTER TABLE "care_level_rules" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "care_level_rule_sets" ADD CONSTRAINT "care_level_rule_sets_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- one version per earlier save: the rows of one save share its day, who and the transaction's now()
INSERT INTO "care_level_rule_sets" ("effective_from", "saved_by", "saved_at")
SELECT "effective_from", "created_by", "created_at" FROM "care_level_rules"
GROUP BY "effective_from", "created_by", "created_at"
ORDER BY "created_at", "effective_from";--> statement-breakpoint
UPDATE "care_level_rules" r SET "set_id" = s."id" FROM "care_level_rule_sets" s
WHERE s."effective_from" = r."effective_from" AND s."saved_at" = r."created_at"
AND s."saved_by" IS NOT DISTINCT FROM r."created_by";--> statement-breakpoint
-- the defaults' reasons, installed as Chinese text until now, become their codes
UPDATE "care_level_rules" SET "reason_code" = CASE "reason"
	WHEN '高龄、独居且健康状况差' THEN 'elder_old_alone_poor_health'
	WHEN '独居失能' THEN 'elder_alone_disabled'
	WHEN '健康状况差（失能、失智或重残）' THEN 'elder_poor_health'
	WHEN '高龄独居' THEN 'elder_old_alone'
	WHEN '生活困难' THEN 'elder_hardship'
	WHEN '孤儿、事实无人抚养、监护缺失或重病儿童' THEN 'child_in_difficulty'
END
WHERE "reason" IN ('高龄、独居且健康状况差', '独居失能', '健康状况差（失能、失智或重残）', '高龄独居', '生活困难', '孤儿、事实无人抚养、监护缺失或重病儿童');--> statement-breakpoint
-- a version that is exactly the V4 defaults (an empty save installed them) is marked as such
UPDATE "care_level_rule_sets" s SET "is_default" = true
WHERE (SELECT count(*) FROM "care_level_rules" r WHERE r."set_id" = s."id") = 6
AND NOT EXISTS (
	SELECT 1 FROM "care_level_rules" r WHERE r."set_id" = s."id" AND NOT EXISTS (
		SELECT 1 FROM (VALUES
			(0, 'special', 'elder', 80, ARRAY['living_alone'], ARRAY['disabled', 'dementia', 'severe_disability'], 'elder_old_alone_poor_health'),
			(1, 'special', 'elder', NULL, ARRAY['living_alone', 'disabled'], ARRAY[]::text[], 'elder_alone_disabled'),
			(2, 'key', 'elder', NULL, ARRAY[]::text[], ARRAY['disabled', 'dementia', 'severe_disability'], 'elder_poor_health'),
			(3, 'key', 'elder', 80, ARRAY['living_alone'], ARRAY[]::text[], 'elder_old_alone'),
			(4, 'key', 'elder', NULL, ARRAY[]::text[], ARRAY['dibao', 'tekun_dispersed', 'low_income', 'family_planning_special'], 'elder_hardship'),
			(5, 'key', 'child', NULL, ARRAY[]::text[], ARRAY['orphan', 'de_facto_unsupported', 'guardianship_deficit', 'seriously_ill'], 'child_in_difficulty')
		) AS d("sort_order", "level", "kind", "min_age", "categories_all", "categories_any", "reason_code")
		WHERE d."sort_order" = r."sort_order" AND d."level" = r."level" AND d."kind" = r."kind"
		AND d."min_age" IS NOT DISTINCT FROM r."min_age"
		AND d."categories_all" @> r."categories_all" AND d."categories_all" <@ r."categories_all"
		AND d."categories_any" @> r."categories_any" AND d."categories_any" <@ r."categories_any"
		AND d."reason_code" = r."reason_code"
	)
);--> statement-breakpoint
ALTER TABLE "care_level_rules" ALTER COLUMN "set_id" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "care_level_rule_sets_version_idx" ON "care_level_rule_sets" USING btree ("version");--> statement-breakpoint
CREATE INDEX "care_level_rule_sets_effective_idx" ON "care_level_rule_sets" USING btree ("effective_from","version");--> statement-breakpoint
ALTER TABLE "care_level_rules" ADD CONSTRAINT "care_level_rules_set_id_care_level_rule_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."care_level_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_level_rules_set_idx" ON "care_level_rules" USING btree ("set_id","sort_order");--> statement-breakpoint
ALTER TABLE "care_level_rules" DROP CONSTRAINT "care_level_rules_created_by_users_id_fk";--> statement-breakpoint
DROP INDEX "care_level_rules_effective_idx";--> statement-breakpoint
ALTER TABLE "care_level_rules" DROP COLUMN "effective_from";--> statement-breakpoint
ALTER TABLE "care_level_rules" DROP COLUMN "effective_to";--> statement-breakpoint
ALTER TABLE "care_level_rules" DROP COLUMN "created_by";--> statement-breakpoint
ALTER TABLE "care_level_rules" DROP COLUMN "created_at";
