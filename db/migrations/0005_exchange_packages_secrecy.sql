CREATE TABLE `desk_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`desk_opinion_id` integer,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `desk_items`(`item_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`desk_opinion_id`) REFERENCES `desk_opinions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `attachment_blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `desk_files_item_idx` ON `desk_files` (`item_id`);--> statement-breakpoint
CREATE TABLE `desk_items` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`office_version` integer NOT NULL,
	`data` text NOT NULL,
	`package_id` text NOT NULL,
	`received_at` text NOT NULL,
	`replied_at` text
);
--> statement-breakpoint
CREATE TABLE `desk_opinions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`conclusion` text NOT NULL,
	`text` text NOT NULL,
	`issued_on` text NOT NULL,
	`based_on_version` integer NOT NULL,
	`created_at` text NOT NULL,
	`sent_package_id` text,
	FOREIGN KEY (`item_id`) REFERENCES `desk_items`(`item_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `desk_opinions_item_idx` ON `desk_opinions` (`item_id`);--> statement-breakpoint
CREATE TABLE `exchange_identity` (
	`id` integer PRIMARY KEY NOT NULL,
	`end` text NOT NULL,
	`name` text NOT NULL,
	`encryption_key` text NOT NULL,
	`signing_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`sealed_private` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	CONSTRAINT "exchange_identity_one_ck" CHECK("exchange_identity"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `exchange_packages` (
	`package_id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`counsel_id` integer,
	`peer_fingerprint` text NOT NULL,
	`file_sha256` text NOT NULL,
	`items` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`counsel_id`) REFERENCES `counsels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exchange_packages_counsel_idx` ON `exchange_packages` (`counsel_id`,`at`);--> statement-breakpoint
CREATE TABLE `exchange_peers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`end` text NOT NULL,
	`counsel_id` integer,
	`name` text NOT NULL,
	`encryption_key` text NOT NULL,
	`signing_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	`revoked_at` text,
	`revoked_by` text,
	FOREIGN KEY (`counsel_id`) REFERENCES `counsels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exchange_peers_fingerprint_idx` ON `exchange_peers` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `exchange_peers_counsel_idx` ON `exchange_peers` (`counsel_id`);--> statement-breakpoint
ALTER TABLE `consultations` ADD `secrecy` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `opinions` ADD `channel` text;