-- What a clerk does with a season beyond reading files: the day each file was received (the clerk's
-- word over the file's own time), files, batches and periods set aside as junk (kept, counted
-- nowhere), each import batch with what became of every file in it, decisions taken back, the
-- preparer and phone a file names, and a contact per unit that the clerk may correct.

-- `received_on`: the date the clerk set (YYYY-MM-DD); null: the file's modification time counts.
ALTER TABLE submissions ADD COLUMN received_on TEXT
  CHECK (received_on IS NULL OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
-- set aside by the clerk (an instant), or by the setting aside of its batch
ALTER TABLE submissions ADD COLUMN set_aside_at TEXT;
ALTER TABLE submissions ADD COLUMN batch_id INTEGER REFERENCES import_batches (id);
-- who prepared the file and their phone, as its `Thong tin` sheet says
ALTER TABLE submissions ADD COLUMN preparer TEXT;
ALTER TABLE submissions ADD COLUMN phone TEXT;

ALTER TABLE periods ADD COLUMN set_aside_at TEXT;

-- the clerk's own word on whom to call at a unit (else the latest file's preparer and phone)
ALTER TABLE units ADD COLUMN contact_name TEXT;
ALTER TABLE units ADD COLUMN contact_phone TEXT;

-- a decision taken back ("Bỏ quyết định"): kept, with who took it back and when
ALTER TABLE decisions ADD COLUMN revoked_at TEXT;
ALTER TABLE decisions ADD COLUMN revoked_by TEXT;

-- One import: the files a clerk dropped at once, into a form's period.
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

CREATE INDEX import_batches_by_period ON import_batches (period_id, started_at);

-- What became of each file of a batch: `new` (stored), `duplicate` (the same bytes were stored
-- already), `refused` (not stored: it could not be opened); with the file's unit, declared period
-- and outcome, and the first problem (its rule, in Vietnamese and English).
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
  reason_en TEXT,
  PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;
