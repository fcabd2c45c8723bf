-- A mashup published from a studio project keeps which project it came from; when that project is a remix (the
-- remix's id is its project's), this is the lineage from the remixed mashup to the new one.
ALTER TABLE mashups ADD COLUMN project_id TEXT;
CREATE INDEX mashups_by_project ON mashups (project_id) WHERE project_id IS NOT NULL;

-- rendering a published project is a job of its own kind
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('analysis', 'mashup', 'stems', 'cover', 'mixdown'));
