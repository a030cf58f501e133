-- 0026-mail-attachment.sql — a queued message may carry one attachment (issue 14: a
-- seminar's confirmation with its .ics): its file name, its MIME type and its content as
-- text (UTF-8; mailmsg.c sends it base64-encoded). All three NULL: no attachment.
-- (0027 is taken by the seminars migration on a parallel branch.)
ALTER TABLE mail_queue ADD COLUMN attachment_name TEXT;
ALTER TABLE mail_queue ADD COLUMN attachment_type TEXT;
ALTER TABLE mail_queue ADD COLUMN attachment TEXT;
