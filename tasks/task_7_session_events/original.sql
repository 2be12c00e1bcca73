SELECT id, user_id, event_type, occurred_at
FROM events
WHERE regexp_matches(session_id, '^sess_{{session}}$');
