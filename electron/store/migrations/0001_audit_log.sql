CREATE TABLE `audit_checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signed_at` integer NOT NULL,
	`entry_count` integer NOT NULL,
	`head_hash` text NOT NULL,
	`public_key` text NOT NULL,
	`signature` text NOT NULL,
	CONSTRAINT "audit_checkpoint_count_positive" CHECK("audit_checkpoints"."entry_count" > 0)
);
--> statement-breakpoint
CREATE INDEX `audit_checkpoints_count` ON `audit_checkpoints` (`entry_count`);--> statement-breakpoint
CREATE TABLE `audit_log` (
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
	CONSTRAINT "audit_kind_valid" CHECK("audit_log"."kind" IN ('agent.created', 'agent.updated', 'agent.paused', 'agent.resumed', 'agent.terminated', 'decision.proposed', 'decision.undo', 'decision.state', 'decision.approved', 'outcome.recorded', 'conflict.recorded', 'conflict.reviewed', 'alert.raised', 'alert.acknowledged', 'alert.resolved'))
);
--> statement-breakpoint
CREATE INDEX `audit_log_decision` ON `audit_log` (`decision_id`,`seq`);--> statement-breakpoint
DROP INDEX `decisions_state`;--> statement-breakpoint
CREATE INDEX `decisions_state_created` ON `decisions` (`state`,`created_at`,`id`);--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_update` BEFORE UPDATE ON `audit_checkpoints`
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: checkpoints cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_delete` BEFORE DELETE ON `audit_checkpoints`
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: checkpoints cannot be deleted'); END;
