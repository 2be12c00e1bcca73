SELECT customer_id AS user_id
FROM orders
WHERE status = 'cancelled'
  AND created_at >= DATE '{{since}}'
UNION
SELECT user_id
FROM events
WHERE event_type = 'signup'
  AND occurred_at >= DATE '{{since}}';
