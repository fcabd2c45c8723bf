-- captions' copy of audio-pipeline's mashups becomes the platform's shared projection (libs/messaging MashupProjection,
-- whose repeatable migration adds the columns it needs)
ALTER TABLE mashups RENAME TO known_mashups;
