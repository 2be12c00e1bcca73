SELECT u.id, u.email, e.event_type, e.occurred_at
FROM events e
-- integer keys: no per-row string building, and the join pushes the build side's id range into the events scan
JOIN users u ON e.user_id = u.id
WHERE u.created_at >= DATE '{{since}}';
