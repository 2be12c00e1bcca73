SELECT id, user_id, session_id, event_type
FROM events
WHERE occurred_at = DATE '{{day}}'
   OR session_id = 'sess_{{session}}';
