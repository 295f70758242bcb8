-- A season is a form and a period: several forms of the same period (child work, immunization, ...)
-- live in one database and never mix. Periods, unit lists, submissions and consolidations are keyed
-- by (form_id, period_id); a period's id may now be a month (2025-M03), a quarter (2025-Q1), the
-- first half (2025-H1), nine months (2025-9M) or the year (2025-Y). A period created before this
-- migration belongs to the form it was created with, or to child-work-2025 (the only form there was)
-- when none was recorded. The tables are rebuilt (SQLite cannot change a key in place): each old
-- table is renamed aside, made anew under its own name and filled from the old one, which is then
-- dropped. legacy_alter_table keeps the other tables' references on the name (problems still refer
-- to `submissions`, not to the table renamed aside); the runner turns foreign keys off around a
-- migration and checks them all before it commits.

PRAGMA legacy_alter_table = ON;
DROP VIEW submission_versions;
DROP INDEX submissions_by_unit;
ALTER TABLE periods RENAME TO periods_old;
ALTER TABLE units RENAME TO units_old;
ALTER TABLE submissions RENAME TO submissions_old;
ALTER TABLE consolidations RENAME TO consolidations_old;

CREATE TABLE periods (
  form_id TEXT NOT NULL CHECK (length(form_id) > 0),
  id TEXT NOT NULL CHECK (
    id GLOB '[0-9][0-9][0-9][0-9]-M[0-1][0-9]' OR id GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
    OR id GLOB '[0-9][0-9][0-9][0-9]-H1' OR id GLOB '[0-9][0-9][0-9][0-9]-9M'
    OR id GLOB '[0-9][0-9][0-9][0-9]-Y'
  ),
  template_version TEXT,
  deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at TEXT NOT NULL,
  PRIMARY KEY (form_id, id)
);

INSERT INTO periods (form_id, id, template_version, deadline, created_at)
SELECT coalesce(template_id, 'child-work-2025'), id, template_version, deadline, created_at FROM periods_old;

CREATE TABLE units (
  form_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  code TEXT NOT NULL CHECK (length(code) > 0),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu', 'huyen', 'so_nganh')),
  dept TEXT,
  aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (form_id, period_id, code),
  FOREIGN KEY (form_id, period_id) REFERENCES periods (form_id, id)
) WITHOUT ROWID;

INSERT INTO units (form_id, period_id, code, name, kind, dept, aliases, active)
SELECT p.form_id, u.period_id, u.code, u.name, u.kind, u.dept, u.aliases, u.active
FROM units_old u JOIN periods p ON p.id = u.period_id;

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  form_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  unit_code TEXT,
  unit_source TEXT,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size INTEGER NOT NULL CHECK (size >= 0),
  file_mtime TEXT,
  imported_at TEXT NOT NULL,
  declared_period TEXT,
  template_version TEXT,
  report_date TEXT CHECK (report_date IS NULL OR report_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  table_sheet TEXT,
  table_header_row INTEGER,
  table_row_count INTEGER,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  UNIQUE (form_id, period_id, sha256),
  FOREIGN KEY (form_id, period_id) REFERENCES periods (form_id, id)
);

INSERT INTO submissions (id, form_id, period_id, unit_code, unit_source, file_name, sha256, size,
  file_mtime, imported_at, declared_period, template_version, report_date, table_sheet,
  table_header_row, table_row_count, status)
SELECT s.id, p.form_id, s.period_id, s.unit_code, s.unit_source, s.file_name, s.sha256, s.size,
  s.file_mtime, s.imported_at, s.declared_period, s.template_version, s.report_date, s.table_sheet,
  s.table_header_row, s.table_row_count, s.status
FROM submissions_old s JOIN periods p ON p.id = s.period_id;

CREATE TABLE consolidations (
  id INTEGER PRIMARY KEY,
  period_id TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  -- the decision to send the report as it is, with units missing (`--final`)
  final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
  missing TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems)),
  -- the season is the consolidated form (template_id) and period
  FOREIGN KEY (template_id, period_id) REFERENCES periods (form_id, id)
);

-- a consolidation made with a pack other than its period's recorded one gets a period row of its own
INSERT OR IGNORE INTO periods (form_id, id, template_version, deadline, created_at)
SELECT c.template_id, c.period_id, c.template_version, NULL, c.created_at FROM consolidations_old c;

INSERT INTO consolidations SELECT id, period_id, template_id, template_version, created_at,
  created_by, provisional, final, missing, problems FROM consolidations_old;

DROP TABLE consolidations_old;
DROP TABLE submissions_old;
DROP TABLE units_old;
DROP TABLE periods_old;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX submissions_by_unit ON submissions (form_id, period_id, unit_code);

CREATE VIEW submission_versions AS
SELECT
  s.*,
  row_number() OVER (
    PARTITION BY s.form_id, s.period_id, s.unit_code
    ORDER BY s.report_date ASC NULLS FIRST, s.file_mtime ASC NULLS FIRST, s.imported_at ASC, s.id ASC
  ) AS version,
  count(*) OVER (PARTITION BY s.form_id, s.period_id, s.unit_code) AS version_count
FROM submissions s
-- A file that declares another period (S04) is not a version of this period.
WHERE s.unit_code IS NOT NULL
  AND (s.declared_period IS NULL OR s.declared_period = s.period_id);
