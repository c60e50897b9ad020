CREATE TABLE `notify_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer NOT NULL,
	`severities` text NOT NULL,
	`quiet_start` text,
	`quiet_end` text,
	`renotify_after_minutes` integer,
	`digest_hour` integer,
	`email` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`last_delivered_at` integer,
	`failures_in_a_row` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	CONSTRAINT "notify_channel_kind_valid" CHECK("notify_channels"."kind" IN ('slack', 'email'))
);
--> statement-breakpoint
CREATE TABLE `notify_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`topic` text NOT NULL,
	`subject` text NOT NULL,
	`severity` text NOT NULL,
	`alert_id` text,
	`payload` text,
	`created_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`sent_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `notify_channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notify_outbox_topic_valid" CHECK("notify_outbox"."topic" IN ('alert', 'renotify', 'digest', 'kill_switch')),
	CONSTRAINT "notify_outbox_state_valid" CHECK("notify_outbox"."state" IN ('pending', 'sent', 'failed', 'skipped')),
	CONSTRAINT "notify_outbox_severity_valid" CHECK("notify_outbox"."severity" IN ('info', 'warning', 'critical'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_outbox_subject` ON `notify_outbox` (`channel_id`,`topic`,`subject`);--> statement-breakpoint
CREATE INDEX `notify_outbox_state_due` ON `notify_outbox` (`state`,`due_at`);