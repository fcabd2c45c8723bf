-- What the test executors record when a job completes: a second row for one job would show a double completion.
CREATE TABLE job_results (
    job_id      TEXT PRIMARY KEY,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What the flaky executor records when its job fails for good, with the reason the engine gave the job.
CREATE TABLE job_failures (
    job_id TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);
