-- Approval used to write its time and person into reviewed_* as well (审核时间 then read the same as
-- 确认时间): the approver moves to approved_by, and a review time equal to the approval is cleared.
UPDATE "roster_rounds" SET "approved_by" = "reviewed_by" WHERE "approved_at" IS NOT NULL AND "approved_by" IS NULL;--> statement-breakpoint
UPDATE "roster_rounds" SET "reviewed_at" = NULL, "reviewed_by" = NULL WHERE "approved_at" IS NOT NULL AND "reviewed_at" = "approved_at";
