SELECT u.id, u.email, e.event_type, e.occurred_at
FROM events e
JOIN users u
  ON CAST(e.user_id AS VARCHAR) = CAST(u.id AS VARCHAR)
WHERE u.created_at >= DATE '{{since}}';
