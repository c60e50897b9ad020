-- A sandbox world's hours, one row each, written once: saving the world after every hour and change
-- costs one small row however long it has run (the state itself stays in sandbox_state).
CREATE TABLE `sandbox_hours` (
	`account_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`account_id`, `hour`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
