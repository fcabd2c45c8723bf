-- attribution's copy of audio-pipeline's mashups becomes the platform's shared projection (libs/messaging
-- MashupProjection, whose repeatable migration adds visibility, deletion and the verdict)
ALTER TABLE mashups RENAME TO known_mashups;
