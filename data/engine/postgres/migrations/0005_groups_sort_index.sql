-- As SQLite's 0010_groups_sort_index.sql: the groups in their order by
-- name, for the attendance export.
CREATE INDEX groups_sort ON groups (sort_key, id);
