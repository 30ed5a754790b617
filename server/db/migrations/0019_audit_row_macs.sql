-- ADR 0010: every audit row carries the MAC the application made when it wrote it, and the sealer
-- refuses (seal_refused) a row whose MAC is missing or wrong instead of chaining it.
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seal_refused" text;--> statement-breakpoint
-- Rows written before the cut-over have no MAC: they are marked legacy. The sealer chains a legacy
-- row only while the chain holds nothing but legacy rows, so legacy rows are a prefix of the chain.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" SET "mac" = 'legacy';--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
-- A row may be updated once, by the sealer, while it is neither sealed nor refused: to set its place
-- in the chain (seq, prev_hash, hash) or to refuse it (seal_refused); its content and MAC never change.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.seq IS NOT NULL OR OLD.seal_refused IS NOT NULL
     OR (NEW.seq IS NOT NULL AND NEW.seal_refused IS NOT NULL)
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.username IS DISTINCT FROM OLD.username
     OR NEW.role IS DISTINCT FROM OLD.role OR NEW.ip IS DISTINCT FROM OLD.ip
     OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.entity IS DISTINCT FROM OLD.entity OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
     OR NEW.success IS DISTINCT FROM OLD.success OR NEW.reason IS DISTINCT FROM OLD.reason
     OR NEW.detail::text IS DISTINCT FROM OLD.detail::text
     OR NEW.mac IS DISTINCT FROM OLD.mac THEN
    RAISE EXCEPTION 'audit_log rows cannot be changed';
  END IF;
  RETURN NEW;
END;
$$;
