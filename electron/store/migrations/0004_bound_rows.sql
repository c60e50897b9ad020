-- Rows people read (decisions, agents, alerts, conflicts, outcomes) are bound to the chain: each
-- audit entry that changes one carries the row's table and its hash after the change, so that
-- verification catches an edit, deletion or insertion made outside the app. The log learns two
-- kinds (audit.key: the signing key in force; record.bound: a row bound as it stood at this
-- upgrade) and alerts one (audit). Entries are copied as they are: their hashes do not change.
-- The triggers refuse what the app never does to those rows, so a slip with a SQL tool cannot
-- rewrite history; whoever drops them is still caught by the row hashes.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`severity` text NOT NULL,
	`kind` text NOT NULL,
	`agent_id` text,
	`decision_id` text,
	`message` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alert_severity_valid" CHECK("__new_alerts"."severity" IN ('info', 'warning', 'critical')),
	CONSTRAINT "alert_kind_valid" CHECK("__new_alerts"."kind" IN ('blocked', 'escalation', 'low_confidence', 'circuit_break', 'goal_at_risk', 'conflict', 'audit')),
	CONSTRAINT "alert_state_valid" CHECK("__new_alerts"."state" IN ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
INSERT INTO `__new_alerts`("id", "created_at", "severity", "kind", "agent_id", "decision_id", "message", "state") SELECT "id", "created_at", "severity", "kind", "agent_id", "decision_id", "message", "state" FROM `alerts`;--> statement-breakpoint
DROP TABLE `alerts`;--> statement-breakpoint
ALTER TABLE `__new_alerts` RENAME TO `alerts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `alerts_state_created` ON `alerts` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`agent_id` text,
	`campaign_id` text,
	`decision_id` text,
	`content` text NOT NULL,
	`row_table` text,
	`row_hash` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_kind_valid" CHECK("__new_audit_log"."kind" IN ('agent.created', 'agent.updated', 'agent.paused', 'agent.resumed', 'agent.terminated', 'decision.proposed', 'decision.undo', 'decision.state', 'decision.approved', 'decision.attempt', 'outcome.recorded', 'conflict.recorded', 'conflict.reviewed', 'alert.raised', 'alert.acknowledged', 'alert.resolved', 'audit.key', 'record.bound'))
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", "row_table", "row_hash", "prev_hash", "hash") SELECT "seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", NULL, NULL, "prev_hash", "hash" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE INDEX `audit_log_decision` ON `audit_log` (`decision_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_rows` ON `audit_log` (`row_table`,`subject`,`seq`);
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `decisions_no_delete` BEFORE DELETE ON `decisions`
BEGIN SELECT RAISE(ABORT, 'decisions are kept for the audit trail: they cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `decisions_settled_fields_only` BEFORE UPDATE OF `id`, `created_at`, `agent_id`, `campaign_id`, `kind`, `before`, `after`, `reasoning`, `confidence`, `prediction_metric`, `prediction_window_hours`, `prediction_point`, `prediction_low80`, `prediction_high80`, `prediction_baseline`, `metrics`, `idempotency_key`, `parent_decision_id` ON `decisions`
BEGIN SELECT RAISE(ABORT, 'a decision cannot be rewritten: only its state moves'); END;--> statement-breakpoint
CREATE TRIGGER `outcomes_no_update` BEFORE UPDATE ON `outcomes`
BEGIN SELECT RAISE(ABORT, 'outcomes are recorded once: they cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `outcomes_no_delete` BEFORE DELETE ON `outcomes`
BEGIN SELECT RAISE(ABORT, 'outcomes are kept for the audit trail: they cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `alerts_no_delete` BEFORE DELETE ON `alerts`
BEGIN SELECT RAISE(ABORT, 'alerts are kept for the audit trail: they cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `alerts_state_only` BEFORE UPDATE OF `id`, `created_at`, `severity`, `kind`, `agent_id`, `decision_id`, `message` ON `alerts`
BEGIN SELECT RAISE(ABORT, 'an alert cannot be rewritten: only its state moves'); END;--> statement-breakpoint
CREATE TRIGGER `conflicts_no_delete` BEFORE DELETE ON `conflicts`
BEGIN SELECT RAISE(ABORT, 'conflicts are kept for the audit trail: they cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `conflicts_reviewed_only` BEFORE UPDATE OF `id`, `created_at`, `campaign_id`, `setting`, `winner_agent_id`, `loser_agent_id`, `rule`, `winner_proposal`, `loser_proposal` ON `conflicts`
BEGIN SELECT RAISE(ABORT, 'a conflict cannot be rewritten: only its review is recorded'); END;--> statement-breakpoint
CREATE TRIGGER `agents_no_delete` BEFORE DELETE ON `agents`
BEGIN SELECT RAISE(ABORT, 'agents are kept for the audit trail: terminate them instead'); END;--> statement-breakpoint
CREATE TRIGGER `agents_identity_fixed` BEFORE UPDATE OF `id`, `created_at` ON `agents`
BEGIN SELECT RAISE(ABORT, 'an agent keeps its id and creation time'); END;
