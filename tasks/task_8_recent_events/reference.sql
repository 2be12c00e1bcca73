SELECT id, user_id, event_type, occurred_at
FROM events
-- 0 <= as_of - occurred_at <= days - 1  <=>  as_of - days < occurred_at <= as_of (DATE minus an integer stays a DATE)
WHERE occurred_at > DATE '{{as_of}}' - {{days}}
  AND occurred_at <= DATE '{{as_of}}';
