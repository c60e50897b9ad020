CREATE TABLE `agent_goals` (
	`agent_id` text NOT NULL,
	`position` integer NOT NULL,
	`metric` text NOT NULL,
	`op` text NOT NULL,
	`value` real NOT NULL,
	`per` text NOT NULL,
	`window_days` integer NOT NULL,
	PRIMARY KEY(`agent_id`, `position`),
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "goal_metric_valid" CHECK("agent_goals"."metric" IN ('roas', 'cpa', 'spend', 'conversions', 'revenue')),
	CONSTRAINT "goal_op_valid" CHECK("agent_goals"."op" IN ('>=', '<=')),
	CONSTRAINT "goal_per_valid" CHECK("agent_goals"."per" IN ('day', 'total')),
	CONSTRAINT "goal_window_positive" CHECK("agent_goals"."window_days" > 0)
);
--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "agent_status_valid" CHECK("agents"."status" IN ('active', 'paused', 'terminated'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_name_unique` ON `agents` (`name`);--> statement-breakpoint
CREATE TABLE `alerts` (
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
	CONSTRAINT "alert_severity_valid" CHECK("alerts"."severity" IN ('info', 'warning', 'critical')),
	CONSTRAINT "alert_kind_valid" CHECK("alerts"."kind" IN ('blocked', 'escalation', 'low_confidence', 'circuit_break', 'goal_at_risk', 'conflict')),
	CONSTRAINT "alert_state_valid" CHECK("alerts"."state" IN ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
CREATE INDEX `alerts_state_created` ON `alerts` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `campaign_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taken_at` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`campaign` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaign_snapshots_campaign_taken` ON `campaign_snapshots` (`campaign_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`setting` text NOT NULL,
	`winner_agent_id` text NOT NULL,
	`loser_agent_id` text NOT NULL,
	`rule` text NOT NULL,
	`winner_proposal` text NOT NULL,
	`loser_proposal` text NOT NULL,
	`reviewed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`winner_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loser_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conflicts_created` ON `conflicts` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `conflicts_reviewed_created` ON `conflicts` (`reviewed`,`created_at`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`agent_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`kind` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reasoning` text NOT NULL,
	`confidence` real NOT NULL,
	`prediction_metric` text NOT NULL,
	`prediction_window_hours` real NOT NULL,
	`prediction_point` real NOT NULL,
	`prediction_low80` real NOT NULL,
	`prediction_high80` real NOT NULL,
	`prediction_baseline` real,
	`metrics` text NOT NULL,
	`state` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`approved_by` text,
	`error` text,
	`executed_at` integer,
	`parent_decision_id` text,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "decision_kind_valid" CHECK("decisions"."kind" IN ('budget', 'bid', 'status', 'targeting', 'creative')),
	CONSTRAINT "decision_state_valid" CHECK("decisions"."state" IN ('proposed', 'pending', 'executed', 'failed', 'blocked', 'escalated', 'cancelled', 'undone')),
	CONSTRAINT "decision_prediction_metric_valid" CHECK("decisions"."prediction_metric" IN ('conversions', 'revenue', 'spend', 'roas', 'cpa', 'profit')),
	CONSTRAINT "decision_confidence_between_0_and_1" CHECK("decisions"."confidence" BETWEEN 0 AND 1),
	CONSTRAINT "decision_prediction_window_positive" CHECK("decisions"."prediction_window_hours" > 0),
	CONSTRAINT "decision_prediction_interval_ordered" CHECK("decisions"."prediction_low80" <= "decisions"."prediction_high80")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_idempotency_key_unique` ON `decisions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `decisions_agent_created` ON `decisions` (`agent_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `decisions_campaign_created` ON `decisions` (`campaign_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `decisions_state` ON `decisions` (`state`);--> statement-breakpoint
CREATE INDEX `decisions_created` ON `decisions` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `hourly_metrics` (
	`campaign_id` text NOT NULL,
	`hour` integer NOT NULL,
	`audience_id` text DEFAULT '' NOT NULL,
	`creative_id` text DEFAULT '' NOT NULL,
	`spend` real NOT NULL,
	`impressions` real NOT NULL,
	`clicks` real NOT NULL,
	`conversions` real NOT NULL,
	`revenue` real NOT NULL,
	`reported_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `hour`, `audience_id`, `creative_id`),
	CONSTRAINT "hourly_metrics_not_negative" CHECK("hourly_metrics"."spend" >= 0 AND "hourly_metrics"."impressions" >= 0 AND "hourly_metrics"."clicks" >= 0 AND "hourly_metrics"."conversions" >= 0 AND "hourly_metrics"."revenue" >= 0)
);
--> statement-breakpoint
CREATE TABLE `outcomes` (
	`decision_id` text PRIMARY KEY NOT NULL,
	`evaluated_at` integer NOT NULL,
	`actual` real NOT NULL,
	`error` real NOT NULL,
	`within_interval` integer NOT NULL,
	`direction_correct` integer NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outcomes_evaluated` ON `outcomes` (`evaluated_at`);