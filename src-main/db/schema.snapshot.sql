-- The schema after every migration, as sqlite_master holds it. Checked by
-- test/integration/migrations/schema-snapshot.test.ts; never edited by hand.

-- index audit_log_by_entity
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);

-- index consolidation_sources_by_submission
CREATE INDEX consolidation_sources_by_submission ON consolidation_sources (submission_id);

-- index decisions_by_submission
CREATE INDEX decisions_by_submission ON decisions (submission_id);

-- index import_batches_by_period
CREATE INDEX import_batches_by_period ON import_batches (period_id, started_at);

-- index submissions_by_unit
CREATE INDEX submissions_by_unit ON submissions (form_id, period_id, unit_code);

-- table audit_log
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);

-- table consolidation_sources
CREATE TABLE consolidation_sources (
  consolidation_id INTEGER NOT NULL REFERENCES consolidations (id) ON DELETE CASCADE,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  unit_code TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  PRIMARY KEY (consolidation_id, submission_id)
) WITHOUT ROWID;

-- table consolidations
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

-- table decisions
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'choose_active')),
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  reason TEXT,
  decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
  decided_at TEXT NOT NULL, revoked_at TEXT, revoked_by TEXT,
  CHECK (kind <> 'accept' OR length(trim(coalesce(reason, ''))) > 0)
);

-- table exports
CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'feedback')),
  consolidation_id INTEGER REFERENCES consolidations (id),
  submission_id INTEGER REFERENCES submissions (id),
  output_path TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER CHECK (size IS NULL OR size >= 0),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (kind <> 'report' OR consolidation_id IS NOT NULL),
  CHECK (kind <> 'feedback' OR submission_id IS NOT NULL)
);

-- table import_batch_files
CREATE TABLE import_batch_files (
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  file_name TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('new', 'duplicate', 'refused')),
  submission_id INTEGER REFERENCES submissions (id),
  unit_code TEXT,
  declared_period TEXT,
  status TEXT CHECK (status IS NULL OR status IN ('accepted', 'rejected')),
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  reason_rule TEXT,
  reason_vi TEXT,
  reason_en TEXT, other_form TEXT,
  PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;

-- table import_batches
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  form_id TEXT,
  period_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  actor TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  -- the received date the clerk set for the whole batch
  received_on TEXT CHECK (received_on IS NULL OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  set_aside_at TEXT
);

-- table periods
CREATE TABLE periods (
  form_id TEXT NOT NULL CHECK (length(form_id) > 0),
  id TEXT NOT NULL CHECK (
    id GLOB '[0-9][0-9][0-9][0-9]-M[0-1][0-9]' OR id GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
    OR id GLOB '[0-9][0-9][0-9][0-9]-H1' OR id GLOB '[0-9][0-9][0-9][0-9]-9M'
    OR id GLOB '[0-9][0-9][0-9][0-9]-Y'
  ),
  template_version TEXT,
  deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at TEXT NOT NULL, set_aside_at TEXT,
  PRIMARY KEY (form_id, id)
);

-- table problems
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

-- table schema_migrations
CREATE TABLE schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- table settings
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- table submission_figures
CREATE TABLE submission_figures (
  submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  figures TEXT NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'array')
);

-- table submissions
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
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')), received_on TEXT
  CHECK (received_on IS NULL OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), set_aside_at TEXT, batch_id INTEGER REFERENCES import_batches (id), preparer TEXT, phone TEXT, declared_form TEXT,
  UNIQUE (form_id, period_id, sha256),
  FOREIGN KEY (form_id, period_id) REFERENCES periods (form_id, id)
);

-- table template_packs
CREATE TABLE template_packs (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL,
  first_used_at TEXT NOT NULL,
  PRIMARY KEY (id, version, hash)
) WITHOUT ROWID;

-- table units
CREATE TABLE units (
  form_id TEXT NOT NULL,
  period_id TEXT NOT NULL,
  code TEXT NOT NULL CHECK (length(code) > 0),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu', 'huyen', 'so_nganh', 'tinh')),
  dept TEXT,
  aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  contact_name TEXT,
  contact_phone TEXT,
  PRIMARY KEY (form_id, period_id, code),
  FOREIGN KEY (form_id, period_id) REFERENCES periods (form_id, id)
) WITHOUT ROWID;

-- view submission_versions
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
