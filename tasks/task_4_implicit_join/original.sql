SELECT
    u.region,
    u.plan,
    COUNT(*)      AS total_orders,
    SUM(o.total)  AS revenue,
    (SELECT AVG(total) FROM orders)                                    AS global_avg,
    (SELECT MAX(total) FROM orders WHERE status = 'completed')         AS max_deal
FROM users u, orders o
WHERE u.id = o.customer_id
  AND o.status IN ('completed', 'shipped')
GROUP BY u.region, u.plan;
