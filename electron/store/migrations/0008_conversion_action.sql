-- Which of the platform's action types counts as a conversion for the account: the operator's choice, kept with the account it was made for.
ALTER TABLE `accounts` ADD `conversion_action` text;
