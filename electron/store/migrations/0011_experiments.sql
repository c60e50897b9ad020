-- Holdout experiments (their groups, seed, dates and power at the start), and the audit log's rebuild to admit their entries (experiment.created, .stopped, .finished); the rebuild drops the append-only triggers with the old table, so they are made again last.
CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`agent_ids` text NOT NULL,
	`seed` integer NOT NULL,
	`assignment` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`duration_days` integer NOT NULL,
	`pre_days` integer NOT NULL,
	`power` text NOT NULL,
	`ended_at` integer,
	`stop_reason` text,
	CONSTRAINT "experiment_status_valid" CHECK("experiments"."status" IN ('running', 'finished', 'stopped')),
	CONSTRAINT "experiment_days_positive" CHECK("experiments"."duration_days" > 0 AND "experiments"."pre_days" > 0),
	CONSTRAINT "experiment_dates_ordered" CHECK("experiments"."end_date" >= "experiments"."start_date"),
	CONSTRAINT "experiment_stop_has_reason" CHECK(("experiments"."status" = 'stopped') = ("experiments"."stop_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `experiments_status` ON `experiments` (`status`,`created_at`);--> statement-breakpoint
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
	`row_table` text,
	`row_hash` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_kind_valid" CHECK("__new_audit_log"."kind" IN ('agent.created', 'agent.updated', 'agent.paused', 'agent.resumed', 'agent.terminated', 'decision.proposed', 'decision.undo', 'decision.state', 'decision.approved', 'decision.attempt', 'outcome.recorded', 'conflict.recorded', 'conflict.reviewed', 'alert.raised', 'alert.acknowledged', 'alert.resolved', 'audit.key', 'record.bound', 'workspace.created', 'workspace.updated', 'account.connected', 'host.restarted', 'experiment.created', 'experiment.stopped', 'experiment.finished'))
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", "row_table", "row_hash", "prev_hash", "hash") SELECT "seq", "at", "kind", "subject", "agent_id", "campaign_id", "decision_id", "content", "row_table", "row_hash", "prev_hash", "hash" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_decision` ON `audit_log` (`decision_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_rows` ON `audit_log` (`row_table`,`subject`,`seq`);--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
