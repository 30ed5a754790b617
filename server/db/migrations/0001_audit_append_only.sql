-- The audit log is append-only: no row is ever deleted, and a row may only be updated once, by the
-- sealer, to set its place in the hash chain (seq, prev_hash, hash); its content never changes.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.seq IS NOT NULL
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.username IS DISTINCT FROM OLD.username
     OR NEW.role IS DISTINCT FROM OLD.role OR NEW.ip IS DISTINCT FROM OLD.ip
     OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.entity IS DISTINCT FROM OLD.entity OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
     OR NEW.success IS DISTINCT FROM OLD.success OR NEW.reason IS DISTINCT FROM OLD.reason
     OR NEW.detail::text IS DISTINCT FROM OLD.detail::text THEN
    RAISE EXCEPTION 'audit_log rows cannot be changed';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
