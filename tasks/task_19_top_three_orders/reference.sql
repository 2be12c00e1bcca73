SELECT customer_id, id, total
FROM orders
WHERE created_at >= DATE '{{since}}'
-- "fewer than 3 larger orders" is rank() <= 3 (rank = 1 + rows strictly larger; NULL totals sort last).
-- The subquery counts nothing for a NULL customer or a NULL total, so those rows are always kept.
QUALIFY customer_id IS NULL
     OR total IS NULL
     OR rank() OVER (PARTITION BY customer_id ORDER BY total DESC NULLS LAST) <= 3;
