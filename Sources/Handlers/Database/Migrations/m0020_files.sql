-- Uploads served (docs/files.md): the public URL of a stored object, and thumbnails found by key.

-- `APP_URL/files/<key>`: the server starts every session with `ceki.app_url` (its `APP_URL`), so any JSON built in
-- SQL (a user's `ava_url`, an `UploadedFile`'s `url`) names files the way the server serves them. NULL for no key.
CREATE FUNCTION file_url(key text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN key IS NULL THEN NULL
                ELSE coalesce(nullif(current_setting('ceki.app_url', true), ''), 'http://localhost') || '/files/' || key
           END
$$;

-- The serving route looks a key up as a file's or as its thumbnail's.
CREATE UNIQUE INDEX files_thumbnail_key ON files (thumbnail_key) WHERE thumbnail_key IS NOT NULL;
