CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`result` text DEFAULT 'ok' NOT NULL,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`built_in` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_unique` ON `categories` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_zh_unique` ON `categories` (`name_zh`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial_prefix` text NOT NULL,
	`serial_year` integer NOT NULL,
	`serial_seq` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`requester` text DEFAULT '' NOT NULL,
	`received_on` text NOT NULL,
	`due_on` text,
	`item_count` integer DEFAULT 1 NOT NULL,
	`counsel_id` integer,
	`assigned_on` text,
	`status` text NOT NULL,
	`outcome` text,
	`outcome_reason` text,
	`outcome_on` text,
	`closed_on` text,
	`note` text DEFAULT '' NOT NULL,
	`trashed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counsel_id`) REFERENCES `counsels`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consultations_item_count_ck" CHECK("consultations"."item_count" >= 1),
	CONSTRAINT "consultations_outcome_reason_ck" CHECK("consultations"."outcome" IS NOT 'notAdopted' OR length(trim("consultations"."outcome_reason")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultations_serial_uq` ON `consultations` (`serial_year`,`serial_seq`);--> statement-breakpoint
CREATE INDEX `consultations_live_received_idx` ON `consultations` (`trashed_at`,`received_on`,`id`);--> statement-breakpoint
CREATE INDEX `consultations_category_idx` ON `consultations` (`category_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `consultations_department_idx` ON `consultations` (`department_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `consultations_counsel_idx` ON `consultations` (`counsel_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `consultations_status_idx` ON `consultations` (`status`,`received_on`);--> statement-breakpoint
CREATE TABLE `counsels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`firm` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`engaged_from` text,
	`engaged_to` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_unique` ON `departments` (`name`);--> statement-breakpoint
CREATE TABLE `opinions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`round` integer NOT NULL,
	`counsel_id` integer,
	`conclusion` text NOT NULL,
	`text` text NOT NULL,
	`issued_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counsel_id`) REFERENCES `counsels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opinions_round_uq` ON `opinions` (`consultation_id`,`round`);--> statement-breakpoint
CREATE TABLE `serial_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_history_consultation_idx` ON `status_history` (`consultation_id`,`id`);