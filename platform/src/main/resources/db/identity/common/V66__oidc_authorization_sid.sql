-- The sid claim of an authorization's ID token (which Holdfast session it was signed in to): sign-out and
-- back-channel logout find a session's authorizations by it, instead of parsing every ID token of the user.
-- Empty when the ID token carries no sid, NULL without an ID token. Rows written before this column have it NULL
-- beside an ID token: they are read the old way (parsed) until they are written again or expire.
ALTER TABLE identity_oidc_authorization ADD COLUMN sid VARCHAR(64);
CREATE INDEX identity_oidc_authorization_sid ON identity_oidc_authorization (principal_name, sid);
