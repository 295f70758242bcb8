-- A file of another known form than the season's: stored under that form's season when the database
-- has it, else kept in the season it was imported into with its rule (S10) and the form it is of,
-- like a file of another period (S04): listed, never a version of the season. `declared_form` is the
-- other form a stored file is of; `other_form` on a batch's file says the same for the batch (the
-- form of the season it went to, or that it could not go to), so that a batch mostly of another
-- form is told and can be moved there.

ALTER TABLE submissions ADD COLUMN declared_form TEXT;
ALTER TABLE import_batch_files ADD COLUMN other_form TEXT;

DROP VIEW submission_versions;
CREATE VIEW submission_versions AS
SELECT
  s.*,
  row_number() OVER (
    PARTITION BY s.form_id, s.period_id, s.unit_code
    ORDER BY s.report_date ASC NULLS FIRST, s.file_mtime ASC NULLS FIRST, s.imported_at ASC, s.id ASC
  ) AS version,
  count(*) OVER (PARTITION BY s.form_id, s.period_id, s.unit_code) AS version_count
FROM submissions s
-- A file that declares another period (S04) or is of another form (S10) is not a version of this season.
WHERE s.unit_code IS NOT NULL
  AND (s.declared_period IS NULL OR s.declared_period = s.period_id)
  AND s.declared_form IS NULL;
