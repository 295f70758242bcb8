-- A file's figures are always written together and read together, never one by one: they are kept
-- as one JSON array per submission instead of one row each. A country's season is a million
-- figures; one insert per file instead of ~330 is what lets 3,000 files be stored in a second.
-- Each element is [indicator, column_key, value, sheet, cell, raw] with a seventh, the reading
-- notes, only when there are any; elements are ordered by indicator then column_key.
CREATE TABLE submission_figures (
  submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  figures TEXT NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'array')
);

INSERT INTO submission_figures (submission_id, figures)
SELECT submission_id,
  json_group_array(
    CASE WHEN notes = '[]' THEN json_array(indicator, column_key, value, sheet, cell, raw)
    ELSE json_array(indicator, column_key, value, sheet, cell, raw, json(notes)) END
  )
FROM (SELECT * FROM figures ORDER BY submission_id, indicator, column_key)
GROUP BY submission_id;

DROP TABLE figures;
