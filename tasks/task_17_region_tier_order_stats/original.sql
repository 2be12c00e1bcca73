WITH customer_stats AS (
    SELECT customer_id,
           count(*)                   AS orders,
           median(total)              AS median_total,
           count(DISTINCT product_id) AS products
    FROM orders
    GROUP BY customer_id
)
SELECT u.id, u.email, s.orders, s.median_total, s.products
FROM customer_stats s
JOIN users u ON u.id = s.customer_id
WHERE u.region = '{{region}}'
  AND u.tier = '{{tier}}';
