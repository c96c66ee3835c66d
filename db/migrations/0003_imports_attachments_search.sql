CREATE TABLE `attachment_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`data` blob NOT NULL,
	`extracted_text` text
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultation_id` integer NOT NULL,
	`opinion_id` integer,
	`file_name` text NOT NULL,
	`mime_type` text DEFAULT 'application/octet-stream' NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`trashed_at` text,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `attachment_blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_consultation_idx` ON `attachments` (`consultation_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`row_count` integer NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL,
	`undone_at` text,
	`undone_by` text
);
--> statement-breakpoint
ALTER TABLE `consultations` ADD `import_batch_id` integer REFERENCES import_batches(id);--> statement-breakpoint
CREATE INDEX `consultations_import_batch_idx` ON `consultations` (`import_batch_id`);
--> statement-breakpoint
-- Full-text search over what a person would look for, one row per consultation (rowid = id).
-- trigram: substring matching of 3+ characters in any language, ranked with bm25.
CREATE VIRTUAL TABLE `consultations_fts` USING fts5(
  title, body, opinions, outcome, attachments,
  tokenize = 'trigram'
);
--> statement-breakpoint
-- The same text cut into 1- and 2-character tokens, so 1–2 character Chinese queries are indexed too.
-- Contentless: only the index is kept (the text itself is in consultations_fts), which halves its size.
CREATE VIRTUAL TABLE `consultations_ngram` USING fts5(
  title, body, opinions, outcome, attachments,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '', contentless_delete = 1
);
