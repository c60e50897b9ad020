CREATE TABLE `campaign_leases` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
