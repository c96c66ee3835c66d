-- The audit log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
INSERT INTO `categories` (`code`, `name_zh`, `name_en`, `built_in`, `active`, `sort_order`, `created_at`) VALUES
  ('rules', '制度建设（规范性文件）', 'Rule-making (normative documents)', 1, 1, 10, '2025-01-01T00:00:00.000Z'),
  ('contract', '合同签订', 'Contracts', 1, 1, 20, '2025-01-01T00:00:00.000Z'),
  ('procurement', '招标采购', 'Tendering and procurement', 1, 1, 30, '2025-01-01T00:00:00.000Z'),
  ('complaint', '信访投诉', 'Petitions and complaints', 1, 1, 40, '2025-01-01T00:00:00.000Z'),
  ('enforcementReview', '重大执法决定法制审核', 'Legal review of major enforcement decisions', 1, 1, 50, '2025-01-01T00:00:00.000Z'),
  ('litigation', '行政复议与诉讼', 'Administrative reconsideration and litigation', 1, 1, 60, '2025-01-01T00:00:00.000Z'),
  ('decision', '重大行政决策', 'Major administrative decisions', 1, 1, 70, '2025-01-01T00:00:00.000Z'),
  ('other', '其他', 'Other', 1, 1, 80, '2025-01-01T00:00:00.000Z');
--> statement-breakpoint
INSERT INTO `settings` (`key`, `value`) VALUES
  ('officeName', '"市国防动员办公室"'),
  ('serialPrefix', '"法咨"'),
  ('defaultDueDays', '7'),
  ('reportTemplate', '"{year}年，我办法律顾问围绕{categories}开展法律咨询{count}次（{items}项），出具法律意见{opinions}份，意见采纳率{adoptionRate}。"');
