-- The report's header texts were remembered per period (`report.<period>.<field>`); a season is a
-- form and a period, so they move to `report.<form>.<period>.<field>`, under each form that has the
-- period. The texts carried to the next season (`report.last.<field>`) stay as they are.

INSERT OR IGNORE INTO settings (key, value, updated_at)
SELECT 'report.' || p.form_id || '.' || substr(s.key, 8), s.value, s.updated_at
FROM settings s JOIN periods p ON substr(s.key, 8, length(p.id) + 1) = p.id || '.'
WHERE s.key GLOB 'report.[0-9][0-9][0-9][0-9]-*';

DELETE FROM settings
WHERE key GLOB 'report.[0-9][0-9][0-9][0-9]-*'
  AND EXISTS (SELECT 1 FROM periods p WHERE substr(settings.key, 8, length(p.id) + 1) = p.id || '.');
