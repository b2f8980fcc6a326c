-- The audit log is append-only for the application (superusers can still bypass triggers; the hash chain
-- is what exposes that: `qinglang audit verify`).
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION qinglang_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION qinglang_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_heads_keep BEFORE DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION qinglang_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION qinglang_refuse_change();
--> statement-breakpoint
-- Eight independent chains, each starting from its genesis hash.
INSERT INTO audit_heads (chain, hash, entries)
SELECT g, sha256(convert_to('qinglang-audit-genesis:' || g, 'UTF8')), 0 FROM generate_series(0, 7) AS g;
