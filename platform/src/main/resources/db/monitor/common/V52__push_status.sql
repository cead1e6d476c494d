-- What the last call of a push monitor's URL reported (?status=up|down&msg=...&ping=..., as Uptime Kuma's push URL)
ALTER TABLE monitor_status ADD COLUMN last_push_up BOOLEAN;
ALTER TABLE monitor_status ADD COLUMN last_push_message VARCHAR(250);
ALTER TABLE monitor_status ADD COLUMN last_push_ping BIGINT;
