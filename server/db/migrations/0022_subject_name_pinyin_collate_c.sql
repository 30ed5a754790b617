-- The pinyin sort key separates its syllables with a space (陈 `chen zhi` before 程 `cheng an`), and
-- a locale's collation would skip the space and compare the joined letters: the key compares byte
-- by byte on every server, as it already did under C.UTF-8 and on PGlite. (Its indexes are rebuilt;
-- the keys themselves are computed again in code by the data migration
-- 0001_subject_name_pinyin_syllables, server/db/data-migrations/run.ts.)
ALTER TABLE "subjects" ALTER COLUMN "name_pinyin" TYPE text COLLATE "C";
