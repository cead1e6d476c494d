-- An application may demand a second factor of everyone who signs in to it (users without one enrol first).
ALTER TABLE identity_oidc_client ADD COLUMN require_second_factor BOOLEAN NOT NULL DEFAULT FALSE;
