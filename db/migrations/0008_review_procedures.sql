CREATE TABLE `category_procedures` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`time_limit_days` integer,
	`clock_start` text NOT NULL,
	`sign_off` integer NOT NULL,
	`tracks_validity` integer NOT NULL,
	`checklist` text NOT NULL,
	`conclusion_words` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consultation_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`granted_on` text NOT NULL,
	`reason` text NOT NULL,
	`previous_due_on` text,
	`new_due_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_extensions_item_idx` ON `consultation_extensions` (`consultation_id`,`id`);--> statement-breakpoint
CREATE TABLE `consultation_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`returned_on` text NOT NULL,
	`missing` text NOT NULL,
	`resumed_on` text,
	`paused_days` integer,
	`due_before` text,
	`due_after` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`resumed_by` text,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_returns_item_idx` ON `consultation_returns` (`consultation_id`,`id`);--> statement-breakpoint
CREATE INDEX `consultation_returns_returned_idx` ON `consultation_returns` (`returned_on`);--> statement-breakpoint
ALTER TABLE `consultations` ADD `paused_since` text;--> statement-breakpoint
ALTER TABLE `consultations` ADD `doc_number` text;--> statement-breakpoint
ALTER TABLE `consultations` ADD `doc_issued_on` text;--> statement-breakpoint
ALTER TABLE `consultations` ADD `doc_valid_until` text;--> statement-breakpoint
ALTER TABLE `opinion_versions` ADD `conclusion_word` text;--> statement-breakpoint
ALTER TABLE `opinion_versions` ADD `checklist` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `conclusion_word` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `checklist` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `sign_off_status` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `sign_off_on` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `sign_off_by` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `sign_off_remark` text;--> statement-breakpoint
CREATE INDEX `opinions_sign_off_idx` ON `opinions` (`sign_off_status`);