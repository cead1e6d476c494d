-- The algorithm an application registered for its ID tokens (OpenID Connect Dynamic Client Registration's
-- id_token_signed_response_alg): RS256 (the default every client must accept) or ES256.
ALTER TABLE identity_oidc_client ADD COLUMN id_token_signed_response_alg VARCHAR(10) NOT NULL DEFAULT 'RS256';
