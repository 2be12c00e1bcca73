WITH per_customer AS (
    -- one pass over orders computes the per-customer sums and the inputs of both global figures
    SELECT customer_id,
           count(*) FILTER (WHERE status IN ('completed', 'shipped')) AS n,
           sum(total) FILTER (WHERE status IN ('completed', 'shipped')) AS revenue,
           sum(total) AS all_total,
           count(total) AS all_count,
           max(total) FILTER (WHERE status = 'completed') AS max_completed
    FROM orders
    GROUP BY customer_id
), stats AS (
    SELECT sum(all_total) / sum(all_count) AS global_avg, max(max_completed) AS max_deal
    FROM per_customer
)
SELECT u.region, u.plan,
       sum(p.n) AS total_orders,
       sum(p.revenue) AS revenue,
       any_value(s.global_avg) AS global_avg,
       any_value(s.max_deal) AS max_deal
FROM per_customer p
JOIN users u ON u.id = p.customer_id
CROSS JOIN stats s
WHERE p.n > 0
GROUP BY u.region, u.plan;
