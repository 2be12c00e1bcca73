WITH stats AS (
    SELECT avg(total) AS global_avg,
           max(total) FILTER (WHERE status = 'completed') AS max_deal
    FROM orders
), per_customer AS (
    SELECT customer_id, count(*) AS n, sum(total) AS revenue
    FROM orders
    WHERE status IN ('completed', 'shipped')
    GROUP BY customer_id
)
SELECT u.region, u.plan,
       sum(p.n) AS total_orders,
       sum(p.revenue) AS revenue,
       s.global_avg,
       s.max_deal
FROM per_customer p
JOIN users u ON u.id = p.customer_id
CROSS JOIN stats s
GROUP BY u.region, u.plan, s.global_avg, s.max_deal;
