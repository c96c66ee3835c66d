CREATE TABLE `document_templates` (
	`kind` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` text NOT NULL,
	CONSTRAINT "document_templates_kind_ck" CHECK("document_templates"."kind" IN ('request', 'opinion'))
);
