CREATE TABLE `comment_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`comment_id` text NOT NULL,
	`user_id` text,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_flags_user_idx` ON `comment_flags` (`comment_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_id` text NOT NULL,
	`target` text NOT NULL,
	`parent_id` text,
	`depth` integer NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	`hidden_at` integer,
	`hidden_reason` text,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comments_strategy_idx` ON `comments` (`strategy_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `consultation_skills` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`skill_key` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_skills_key_idx` ON `consultation_skills` (`consultation_id`,`skill_key`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_id` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`votes_per_resident` integer NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultations_strategy_id_unique` ON `consultations` (`strategy_id`);--> statement-breakpoint
CREATE TABLE `moderation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`moderator_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`moderator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `moderation_events_strategy_idx` ON `moderation_events` (`strategy_id`,`at`);--> statement-breakpoint
CREATE TABLE `paper_votes` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`skill_key` text NOT NULL,
	`count` integer NOT NULL,
	`meeting` text NOT NULL,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `paper_votes_consultation_idx` ON `paper_votes` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `resident_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`territory_code` text NOT NULL,
	`strategy_id` text,
	`created_by` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`territory_code`) REFERENCES `territories`(`code`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `resident_codes_batch_idx` ON `resident_codes` (`batch_id`);--> statement-breakpoint
CREATE TABLE `strategy_events` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_id` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`reason` text,
	`details` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `strategy_events_strategy_idx` ON `strategy_events` (`strategy_id`,`at`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`user_id` text,
	`skill_key` text NOT NULL,
	`cast_at` integer NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `votes_resident_skill_idx` ON `votes` (`consultation_id`,`user_id`,`skill_key`);--> statement-breakpoint
CREATE INDEX `votes_skill_idx` ON `votes` (`consultation_id`,`skill_key`);--> statement-breakpoint
CREATE TRIGGER `votes_budget_check` BEFORE INSERT ON `votes`
WHEN NEW.`user_id` IS NOT NULL AND (
	SELECT count(*) FROM `votes`
	WHERE `consultation_id` = NEW.`consultation_id` AND `user_id` = NEW.`user_id`
) >= (SELECT `votes_per_resident` FROM `consultations` WHERE `id` = NEW.`consultation_id`)
BEGIN
	SELECT RAISE(ABORT, 'vote_budget_exceeded');
END;
