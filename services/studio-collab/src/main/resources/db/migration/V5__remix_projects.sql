-- A project made by remixing a mashup keeps where it came from (audio.remix-started): the mashup, the licence it was
-- given and the credit it shows, as JSON; null for other projects.
ALTER TABLE projects ADD COLUMN remix TEXT;
