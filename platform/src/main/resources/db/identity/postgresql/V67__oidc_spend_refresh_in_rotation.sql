-- A rotated refresh token is remembered as spent by the database, in the statement that rotates it: a refresh grant
-- writes one UPDATE (conditional on the refresh token it read) instead of a transaction with the UPDATE and an
-- INSERT. Every write that replaces or removes a refresh token spends the old one, as the application did.
-- spent_at: when the new refresh token was issued (the application's clock), else the database's time.
CREATE FUNCTION identity_oidc_spend_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO identity_oidc_spent_refresh (token_hash, authorization_id, spent_at)
    VALUES (OLD.refresh_hash, OLD.id,
            COALESCE(NEW.refresh_issued_at, (extract(epoch FROM clock_timestamp()) * 1000)::bigint))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER identity_oidc_spend_refresh
AFTER UPDATE OF refresh_hash ON identity_oidc_authorization
FOR EACH ROW
WHEN (OLD.refresh_hash IS NOT NULL AND OLD.refresh_hash IS DISTINCT FROM NEW.refresh_hash)
EXECUTE FUNCTION identity_oidc_spend_refresh();
