-- The audit log learns a new kind (decision.attempt: every platform call of a decision). SQLite
-- changes a CHECK only by rebuilding the table: entries are copied as they are (hashes unchanged),
-- and the append-only triggers, dropped with the old table, are made again.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`agent_id` text,
	`campaign_id` text,
	`decision_id` text,
	`content` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_kind_valid" CHECK("__new_audit_log"."kind" IN ('agent.created', 'agent.updated', 'agent.paused', 'agent.resumed', 'agent.terminated', 'decision.proposed', 'decision.undo', 'decision.state', 'decision.approved', 'decision.attempt', 'outcome.recorded', 'conflict.recorded', 'conflict.reviewed', 'alert.raised', 'alert.acknowledged', 'alert.resolved'))
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", "prev_hash", "hash") SELECT "seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", "prev_hash", "hash" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_decision` ON `audit_log` (`decision_id`,`seq`);--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
