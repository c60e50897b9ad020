-- A platform that refuses requests until a set time (Google's spent day of operations): the host keeps the pause, its agents and its alert here, so a restart neither sends early nor forgets to resume them.
CREATE TABLE `platform_pauses` (
	`account` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	`reason` text NOT NULL,
	`agent_ids` text NOT NULL,
	`alert_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action
);
