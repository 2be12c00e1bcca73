SELECT id, customer_id, total, created_at
FROM orders
WHERE created_at >= DATE '{{since}}'
ORDER BY total DESC, id
LIMIT {{n}};
