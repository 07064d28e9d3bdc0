CREATE TABLE `question_party_latest` (
	`question_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`claim_id` integer NOT NULL,
	`said_on` text NOT NULL,
	PRIMARY KEY(`question_id`, `party_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `question_party_latest_newest` ON `question_party_latest` (`question_id`,`said_on`,`claim_id`);