-- The transaction that applied each effect, to tell single from batch consumption.
ALTER TABLE applied_effects ADD COLUMN transaction_id BIGINT NOT NULL;
CREATE TABLE batch_effects (LIKE applied_effects);
