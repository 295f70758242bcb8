-- What people decide about submissions, and what Sheaf produced from them: the validator's
-- decisions, each consolidation with the exact submission versions it merged, and each exported
-- file with its checksum, so that any report can be traced back to the files behind it.

-- `accept` (a rejected file accepted despite its errors: a reason is required), `reject` (a file
-- refused despite passing), `choose_active` (this version, not the newest, is the unit's active one).
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'choose_active')),
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  reason TEXT,
  decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
  decided_at TEXT NOT NULL,
  CHECK (kind <> 'accept' OR length(trim(coalesce(reason, ''))) > 0)
);

CREATE INDEX decisions_by_submission ON decisions (submission_id);

CREATE TABLE consolidations (
  id INTEGER PRIMARY KEY,
  period_id TEXT NOT NULL REFERENCES periods (id),
  template_id TEXT NOT NULL,
  template_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  -- the decision to send the report as it is, with units missing (`--final`)
  final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
  missing TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems))
);

-- The version number is recorded as it was when merged: later imports may renumber versions.
CREATE TABLE consolidation_sources (
  consolidation_id INTEGER NOT NULL REFERENCES consolidations (id) ON DELETE CASCADE,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  unit_code TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  PRIMARY KEY (consolidation_id, submission_id)
) WITHOUT ROWID;

CREATE INDEX consolidation_sources_by_submission ON consolidation_sources (submission_id);

-- `report`: the provincial report of a consolidation; `feedback`: a unit's own file with its
-- problems marked, for one submission.
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
