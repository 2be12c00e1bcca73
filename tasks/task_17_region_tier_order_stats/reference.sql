WITH picked AS (
    SELECT id, email FROM users WHERE region = '{{region}}' AND tier = '{{tier}}'
), customer_stats AS (
    -- only the picked customers' orders reach the (expensive) median and distinct count
    SELECT customer_id,
           count(*)                   AS orders,
           median(total)              AS median_total,
           count(DISTINCT product_id) AS products
    FROM orders
    WHERE customer_id IN (SELECT id FROM picked)
    GROUP BY customer_id
)
SELECT u.id, u.email, s.orders, s.median_total, s.products
FROM customer_stats s
JOIN picked u ON u.id = s.customer_id;
