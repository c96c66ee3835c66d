CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`firm_id` integer NOT NULL,
	`year` integer NOT NULL,
	`template` text NOT NULL,
	`scores` text DEFAULT '{}' NOT NULL,
	`vetoes` text DEFAULT '[]' NOT NULL,
	`self_assessment` text DEFAULT '' NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`signed_at` text,
	`signed_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`firm_id`) REFERENCES `firms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_firm_year_uq` ON `assessments` (`firm_id`,`year`);--> statement-breakpoint
CREATE TABLE `consultation_ratings` (
	`consultation_id` integer PRIMARY KEY NOT NULL,
	`rating` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`rated_on` text NOT NULL,
	`rated_at` text NOT NULL,
	`rated_by` text NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `engagement_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`paid_on` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`voucher_no` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`voided_at` text,
	`void_reason` text,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "engagement_payments_amount_ck" CHECK("engagement_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `engagement_payments_idx` ON `engagement_payments` (`engagement_id`,`paid_on`);--> statement-breakpoint
CREATE TABLE `engagements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`firm_id` integer NOT NULL,
	`contract_no` text NOT NULL,
	`term_from` text NOT NULL,
	`term_to` text NOT NULL,
	`annual_fee_fen` integer NOT NULL,
	`payment_terms` text DEFAULT '' NOT NULL,
	`duties` text DEFAULT '[]' NOT NULL,
	`filed_on` text,
	`contract_file_name` text,
	`contract_mime_type` text,
	`contract_sha256` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`firm_id`) REFERENCES `firms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_sha256`) REFERENCES `attachment_blobs`(`sha256`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "engagements_term_ck" CHECK("engagements"."term_to" >= "engagements"."term_from"),
	CONSTRAINT "engagements_fee_ck" CHECK("engagements"."annual_fee_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `engagements_contract_no_unique` ON `engagements` (`contract_no`);--> statement-breakpoint
CREATE INDEX `engagements_firm_idx` ON `engagements` (`firm_id`,`term_from`);--> statement-breakpoint
CREATE TABLE `firms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `firms_name_unique` ON `firms` (`name`);--> statement-breakpoint
ALTER TABLE `counsels` ADD `firm_id` integer REFERENCES firms(id);--> statement-breakpoint
-- The free-text firm names become firm records (one per distinct name, trimmed), and each counsel points at theirs.
INSERT INTO `firms` (`name`, `active`, `version`, `created_at`)
  SELECT trim(`firm`), 1, 1, min(`created_at`) FROM `counsels` WHERE trim(`firm`) <> '' GROUP BY trim(`firm`) ORDER BY min(`id`);
--> statement-breakpoint
UPDATE `counsels` SET `firm_id` = (SELECT f.`id` FROM `firms` f WHERE f.`name` = trim(`counsels`.`firm`));
