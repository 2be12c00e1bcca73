SELECT id, user_id, event_type, occurred_at
FROM events
-- an anchored regex without metacharacters is plain equality: pushed into the scan and checked against zone maps
WHERE session_id = 'sess_{{session}}';
