-- EspoCRM's HMAC authentication (X-Hmac-Authorization) needs the secret key itself to recompute a request's
-- signature, so it is kept (as TOTP secrets are). A token with a secret key works only with a signature: its API key
-- alone (X-Api-Key, Bearer) is refused, as EspoCRM refuses it for API users whose method is HMAC.
ALTER TABLE identity_api_token ADD COLUMN hmac_secret VARCHAR(100);
