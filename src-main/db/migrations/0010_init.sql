-- Sheaf's first schema: what a reporting season is made of. Periods, the unit list of each period,
-- the template packs used, every submitted file with its figures (and the cell each came from) and
-- its problems, the settings, and the audit log. Dates are ISO 8601 text (UTC for instants,
-- YYYY-MM-DD for calendar dates) so that they sort as text.

CREATE TABLE periods (
  id TEXT PRIMARY KEY CHECK (id GLOB '[0-9][0-9][0-9][0-9]-H1' OR id GLOB '[0-9][0-9][0-9][0-9]-Y'),
  template_id TEXT,
  template_version TEXT,
  deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at TEXT NOT NULL
);

CREATE TABLE template_packs (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL,
  first_used_at TEXT NOT NULL,
  PRIMARY KEY (id, version, hash)
) WITHOUT ROWID;

-- A unit list belongs to a period (communes replaced districts on 1 July 2025). Units are never
-- deleted, only deactivated, so that old submissions keep their unit's name.
CREATE TABLE units (
  period_id TEXT NOT NULL REFERENCES periods (id),
  code TEXT NOT NULL CHECK (length(code) > 0),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu', 'huyen', 'so_nganh')),
  dept TEXT,
  aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (period_id, code)
) WITHOUT ROWID;

-- One submitted file, as imported into the period being consolidated. `declared_period` is what the
-- file itself says. `unit_code` is null when the unit could not be identified (S03); it is not a
-- foreign key because the unit list of a period may be loaded after its files.
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  period_id TEXT NOT NULL REFERENCES periods (id),
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
  UNIQUE (period_id, sha256)
);

CREATE INDEX submissions_by_unit ON submissions (period_id, unit_code);

CREATE TABLE figures (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  column_key TEXT NOT NULL,
  value REAL NOT NULL CHECK (typeof(value) IN ('real', 'integer') AND abs(value) < 1e308),
  sheet TEXT NOT NULL,
  cell TEXT NOT NULL,
  raw TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
  PRIMARY KEY (submission_id, indicator, column_key)
) WITHOUT ROWID;

-- `value` is JSON so that a string, a number, a boolean and null come back as they went in; SQL
-- NULL means the problem had no value.
CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  sheet TEXT,
  cell TEXT,
  indicator TEXT,
  column_key TEXT,
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  message_vi TEXT NOT NULL,
  message_en TEXT NOT NULL,
  UNIQUE (submission_id, seq)
);

-- S08: a unit's submissions for a period numbered 1, 2, 3... oldest first: the later `Ngày báo
-- cáo`, then the later file time, then the later import is newer. Computed, never stored, so that a
-- late-imported older file slots into place.
CREATE VIEW submission_versions AS
SELECT
  s.*,
  row_number() OVER (
    PARTITION BY s.period_id, s.unit_code
    ORDER BY s.report_date ASC NULLS FIRST, s.file_mtime ASC NULLS FIRST, s.imported_at ASC, s.id ASC
  ) AS version,
  count(*) OVER (PARTITION BY s.period_id, s.unit_code) AS version_count
FROM submissions s
-- A file that declares another period (S04) is not a version of this period.
WHERE s.unit_code IS NOT NULL
  AND (s.declared_period IS NULL OR s.declared_period = s.period_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);

CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
