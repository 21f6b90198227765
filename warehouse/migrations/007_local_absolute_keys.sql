-- 007: ad-hoc path targets (source 'local') are keyed by absolute path now (keyed relative to
-- the directory named, two directories' `article.txt` were one input). Inputs an older GreenWire loaded
-- under a key relative to the directory named then, from an absolute path, are re-keyed here to
-- that path, with their articles' ids (uuid5 of 'local' and the key, as schemas.identity
-- computes it) in every table that holds one; otherwise the next ad-hoc run of the same files
-- loaded each again as a new article (two articles per file: `greenwire doctor` failed).
-- Where a newer run loaded the file under its new key already, the old copy is dropped.
-- Inputs loaded from a relative path name no directory to resolve it against: they keep their
-- keys (docs/schema.md, "Opening and upgrading").

CREATE TEMP TABLE local_rekey AS
WITH candidates AS (
    SELECT
        input_key AS old_key,
        source_uri AS new_key,
        article_id AS old_id,
        sha1(unhex('5b0e7c8e3a574c449b1e6f1f5d1f2a77') || encode('local' || chr(10) || source_uri)) AS h
    FROM inputs
    WHERE source_name = 'local'
      AND input_key NOT LIKE '/%'
      AND source_uri LIKE '/%'
      AND source_uri NOT LIKE '%//%' AND source_uri NOT LIKE '%/./%' AND source_uri NOT LIKE '%/../%'
      AND source_uri NOT LIKE '%/.' AND source_uri NOT LIKE '%/..'
)
SELECT
    old_key,
    new_key,
    old_id,
    substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-5' || substr(h, 14, 3) || '-'
        || substr('89ab', ((instr('0123456789abcdef', substr(h, 17, 1)) - 1) % 4) + 1, 1)
        || substr(h, 18, 3) || '-' || substr(h, 21, 12) AS new_id,
    EXISTS (SELECT 1 FROM inputs i WHERE i.source_name = 'local' AND i.input_key = new_key) AS superseded
FROM candidates;

-- Loaded again under the new key by a newer run: the old copy goes (article, its rows, its input).
DELETE FROM article_paragraphs WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM article_images WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM article_links WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM boilerplate_removed WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM article_observations WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM article_aliases WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM article_search_text WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM articles WHERE article_id IN (SELECT old_id FROM local_rekey WHERE superseded);
DELETE FROM inputs
WHERE source_name = 'local' AND input_key IN (SELECT old_key FROM local_rekey WHERE superseded);

-- The rest: the same article under its new key and id.
UPDATE articles SET article_id = r.new_id, canonical_key = r.new_key
FROM local_rekey r WHERE NOT r.superseded AND articles.article_id = r.old_id;
UPDATE article_paragraphs SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_paragraphs.article_id = r.old_id;
UPDATE article_images SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_images.article_id = r.old_id;
UPDATE article_links SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_links.article_id = r.old_id;
UPDATE boilerplate_removed SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND boilerplate_removed.article_id = r.old_id;
UPDATE article_observations SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_observations.article_id = r.old_id;
UPDATE article_aliases SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_aliases.article_id = r.old_id;
UPDATE article_search_text SET article_id = r.new_id
FROM local_rekey r WHERE NOT r.superseded AND article_search_text.article_id = r.old_id;
UPDATE inputs SET input_key = r.new_key, article_id = CASE WHEN inputs.article_id IS NULL THEN NULL ELSE r.new_id END
FROM local_rekey r
WHERE NOT r.superseded AND inputs.source_name = 'local' AND inputs.input_key = r.old_key;

-- Rejects and deferrals are history, but name the input by its key: the same key as `inputs`.
UPDATE rejects SET input_key = r.new_key
FROM local_rekey r WHERE rejects.source_name = 'local' AND rejects.input_key = r.old_key;
UPDATE deferrals SET input_key = r.new_key
FROM local_rekey r WHERE deferrals.source_name = 'local' AND deferrals.input_key = r.old_key;

DROP TABLE local_rekey;
