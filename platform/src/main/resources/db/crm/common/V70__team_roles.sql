-- Roles a team carries (EspoCRM's team roles): every member of the team, direct or through a mapped group, gets
-- them, combined with the roles of their groups.
CREATE TABLE crm_team_role (
    team_id VARCHAR(36) NOT NULL REFERENCES crm_team (id) ON DELETE CASCADE,
    role_id VARCHAR(36) NOT NULL REFERENCES crm_role (id) ON DELETE CASCADE,
    CONSTRAINT crm_team_role_pk PRIMARY KEY (team_id, role_id)
);
CREATE INDEX crm_team_role_role ON crm_team_role (role_id);
