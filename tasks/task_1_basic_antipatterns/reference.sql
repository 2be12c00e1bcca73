SELECT id, customer_id, product_id, status, total, created_at
FROM orders
WHERE customer_id = {{customer}}
  AND created_at >= DATE '{{year}}-01-01'
  AND created_at < DATE '{{year}}-01-01' + INTERVAL 1 YEAR;
