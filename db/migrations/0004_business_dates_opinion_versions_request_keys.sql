CREATE TABLE `opinion_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opinion_id` integer NOT NULL,
	`counsel_id` integer,
	`conclusion` text NOT NULL,
	`text` text NOT NULL,
	`issued_on` text NOT NULL,
	`entered_at` text NOT NULL,
	`entered_by` text NOT NULL,
	`replaced_at` text NOT NULL,
	`replaced_by` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counsel_id`) REFERENCES `counsels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opinion_versions_opinion_idx` ON `opinion_versions` (`opinion_id`,`id`);--> statement-breakpoint
CREATE TABLE `request_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`method` text NOT NULL,
	`actor` text NOT NULL,
	`result_id` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_keys_created_idx` ON `request_keys` (`created_at`);--> statement-breakpoint
ALTER TABLE `consultations` ADD `status_on` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `corrected_at` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `corrected_by` text;--> statement-breakpoint
ALTER TABLE `status_history` ADD `business_on` text;--> statement-breakpoint
ALTER TABLE `status_history` ADD `on_origin` text DEFAULT 'typed' NOT NULL;--> statement-breakpoint
ALTER TABLE `status_history` ADD `detail` text;--> statement-breakpoint
-- Business dates for the history written before they existed: a step's own date where the
-- item records it (registered: 收件日期; the last assignment: 分派日期; answered: the first
-- opinion's 出具日期; the last close: 办结日期; imported steps were already dated by the file's
-- dates), else the day it was entered (Asia/Shanghai). on_origin says which ('field' / 'entry'),
-- so the timeline can say the date was filled in by the upgrade. Workflow steps are then made
-- never to go backwards (a running maximum), which the status-at-a-date rule relies on.
UPDATE `status_history` SET `business_on` = b.day, `on_origin` = b.origin FROM (
  SELECT id,
    CASE WHEN dated THEN max(coalesce(known, entered)) OVER (PARTITION BY consultation_id, dated ORDER BY id ROWS UNBOUNDED PRECEDING)
         ELSE entered END AS day,
    CASE WHEN known IS NOT NULL OR reason = '导入' THEN 'field' ELSE 'entry' END AS origin
  FROM (
    SELECT h.id, h.consultation_id, h.reason, date(h.at, '+8 hours') AS entered,
      h.to_status IN ('registered', 'assigned', 'answered', 'closed', 'withdrawn') AS dated,
      CASE
        WHEN h.from_status IS NULL AND h.to_status = 'registered' THEN c.received_on
        WHEN h.to_status = 'assigned' AND c.assigned_on IS NOT NULL
          AND h.id = (SELECT max(h2.id) FROM status_history h2 WHERE h2.consultation_id = h.consultation_id AND h2.to_status = 'assigned')
          THEN c.assigned_on
        WHEN h.to_status = 'answered' AND h.from_status = 'assigned'
          THEN (SELECT o.issued_on FROM opinions o WHERE o.consultation_id = h.consultation_id AND o.round = 1)
        WHEN h.to_status = 'closed' AND c.closed_on IS NOT NULL
          AND h.id = (SELECT max(h2.id) FROM status_history h2 WHERE h2.consultation_id = h.consultation_id AND h2.to_status = 'closed')
          THEN c.closed_on
      END AS known
    FROM status_history h JOIN consultations c ON c.id = h.consultation_id
  )
) AS b WHERE `status_history`.id = b.id;
--> statement-breakpoint
UPDATE `consultations` SET `status_on` = (
  SELECT h.business_on FROM status_history h WHERE h.consultation_id = consultations.id
    AND h.to_status IN ('registered', 'assigned', 'answered', 'closed', 'withdrawn') ORDER BY h.id DESC LIMIT 1
);
--> statement-breakpoint
-- A correction keeps the earlier version: the versions are append-only, like the audit log.
CREATE TRIGGER `opinion_versions_no_update` BEFORE UPDATE ON `opinion_versions`
BEGIN
  SELECT RAISE(ABORT, 'opinion_versions is append-only');
END;
