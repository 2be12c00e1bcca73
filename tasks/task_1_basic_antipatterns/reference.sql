SELECT id, customer_id, product_id, status, total, created_at
FROM orders
WHERE customer_id = {{customer}}
  -- both bounds are DATE constants (DATE + INTERVAL would be a TIMESTAMP and cast the column), so zone maps prune
  AND created_at >= make_date({{year}}, 1, 1)
  AND created_at < make_date({{year}} + 1, 1, 1);
