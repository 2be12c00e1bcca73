SELECT id, user_id, event_type, occurred_at
FROM events
WHERE date_diff('day', occurred_at, DATE '{{as_of}}') BETWEEN 0 AND {{days}} - 1;
