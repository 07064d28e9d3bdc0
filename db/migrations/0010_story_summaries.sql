CREATE TABLE `question_party_positions` (
	`question_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`position` text NOT NULL,
	`claims` integer NOT NULL,
	PRIMARY KEY(`question_id`, `party_id`, `position`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "question_party_positions_position" CHECK(position IN ('asserts', 'denies', 'qualifies', 'declines')),
	CONSTRAINT "question_party_positions_positive" CHECK(claims > 0)
);
--> statement-breakpoint
CREATE TABLE `story_party_counts` (
	`story_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`claims` integer NOT NULL,
	PRIMARY KEY(`story_id`, `party_id`),
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "story_party_counts_positive" CHECK(claims > 0)
);
--> statement-breakpoint
CREATE INDEX `story_party_counts_party` ON `story_party_counts` (`party_id`);--> statement-breakpoint
DROP INDEX `claims_story_state_party`;--> statement-breakpoint
CREATE INDEX `claims_story_state_party_date` ON `claims` (`story_id`,`state`,`party_id`,`said_on`);