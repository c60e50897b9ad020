-- Workspaces: each client of the agency is one database file (its profile: name, currency, time
-- zone); the home file lists them. Each workspace has its ad accounts, and a sandbox account
-- keeps its world here so that a restart continues where it stopped. The audit log learns the
-- kinds that record them (and a host's restart); rebuilding it drops its append-only triggers,
-- which are made again at the end.
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_platform_external` ON `accounts` (`platform`,`external_id`);--> statement-breakpoint
CREATE TABLE `sandbox_state` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`scenario` text NOT NULL,
	`state` text NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workspace_profile` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "workspace_profile_single" CHECK("workspace_profile"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` integer PRIMARY KEY NOT NULL,
	`file` text NOT NULL,
	`created_at` integer NOT NULL,
	`opened_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_file` ON `workspaces` (`file`);--> statement-breakpoint
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
	CONSTRAINT "audit_kind_valid" CHECK("__new_audit_log"."kind" IN ('agent.created', 'agent.updated', 'agent.paused', 'agent.resumed', 'agent.terminated', 'decision.proposed', 'decision.undo', 'decision.state', 'decision.approved', 'decision.attempt', 'outcome.recorded', 'conflict.recorded', 'conflict.reviewed', 'alert.raised', 'alert.acknowledged', 'alert.resolved', 'audit.key', 'record.bound', 'workspace.created', 'workspace.updated', 'account.connected', 'host.restarted'))
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
