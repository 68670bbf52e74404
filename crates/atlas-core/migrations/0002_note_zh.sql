-- The reader's note in Chinese beside each English note (data/ columns `note_zh`). A maintainer's
-- note (`maintainer_note` in data/) is never written to an edition.
ALTER TABLE sources ADD COLUMN note_zh TEXT;
ALTER TABLE entities ADD COLUMN note_zh TEXT;
ALTER TABLE links ADD COLUMN note_zh TEXT;
ALTER TABLE systems ADD COLUMN note_zh TEXT;
ALTER TABLE system_groups ADD COLUMN note_zh TEXT;
ALTER TABLE system_members ADD COLUMN note_zh TEXT;
ALTER TABLE statistics ADD COLUMN note_zh TEXT;
