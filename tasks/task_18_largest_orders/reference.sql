-- ORDER BY ... LIMIT is a TOP_N operator: it keeps n rows in a heap instead of sorting every row
SELECT id, customer_id, total
FROM orders
WHERE status = '{{status}}'
ORDER BY total DESC NULLS LAST, id
LIMIT {{n}};
