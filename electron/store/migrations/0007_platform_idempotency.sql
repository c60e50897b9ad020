-- Meta has no idempotency keys of its own: the adapter keeps each key and its result here, so a change replayed after a restart is not sent twice.
CREATE TABLE `platform_idempotency` (
	`account` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account`, `key`)
);
