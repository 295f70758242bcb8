-- A province (`tinh`) becomes a kind of unit: at the ministry, each province's consolidated report is
-- one unit's file, and that unit fills every row of the form (its own departments' rows included).
-- SQLite cannot change a CHECK in place: the units table is made anew with the wider list and filled
-- from the old one (no table or view refers to `units`).

ALTER TABLE units RENAME TO units_old;

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

INSERT INTO units (form_id, period_id, code, name, kind, dept, aliases, active, contact_name, contact_phone)
SELECT form_id, period_id, code, name, kind, dept, aliases, active, contact_name, contact_phone FROM units_old;

DROP TABLE units_old;
