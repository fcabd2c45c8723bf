-- Stripe customers of our users (one each).
CREATE TABLE customers (
    user_id            TEXT PRIMARY KEY,
    stripe_customer_id TEXT        NOT NULL UNIQUE,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A user's subscription as Stripe last told us; no row means free.
CREATE TABLE subscriptions (
    user_id                TEXT PRIMARY KEY,
    stripe_subscription_id TEXT        NOT NULL UNIQUE,
    stripe_customer_id     TEXT        NOT NULL,
    tier                   TEXT        NOT NULL CHECK (tier IN ('free', 'pro', 'studio')),
    status                 TEXT        NOT NULL CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'incomplete',
                                                                  'incomplete_expired', 'unpaid', 'paused')),
    billing_interval       TEXT CHECK (billing_interval IN ('month', 'year')),
    current_period_start   TIMESTAMPTZ,
    current_period_end     TIMESTAMPTZ,
    cancel_at_period_end   BOOLEAN     NOT NULL DEFAULT FALSE,
    -- Stripe's `created` of the event this state came from, and its status rank for events of the same second:
    -- an older event never overwrites newer state
    source_event_created   BIGINT      NOT NULL,
    source_status_rank     INTEGER     NOT NULL,
    -- grows with every change of the entitlements (effective tier or status) published for this user
    entitlements_revision  BIGINT      NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE invoices (
    stripe_invoice_id  TEXT PRIMARY KEY,
    user_id            TEXT        NOT NULL,
    amount_due         BIGINT      NOT NULL,
    amount_paid        BIGINT      NOT NULL,
    currency           TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    hosted_invoice_url TEXT,
    invoice_pdf        TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    source_event_created BIGINT    NOT NULL
);
CREATE INDEX invoices_by_user ON invoices (user_id, created_at DESC, stripe_invoice_id);

-- Every verified webhook delivery, recorded before we answer 2xx; processed_at is set once applied.
CREATE TABLE webhook_events (
    event_id     TEXT PRIMARY KEY,
    type         TEXT        NOT NULL,
    created      BIGINT      NOT NULL,
    payload      TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ,
    attempts     INTEGER     NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX webhook_events_pending ON webhook_events (received_at) WHERE processed_at IS NULL;
