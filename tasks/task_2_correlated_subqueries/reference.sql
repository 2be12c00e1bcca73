WITH per_customer AS (
    SELECT customer_id,
           count(*) FILTER (WHERE status = 'completed') AS completed_orders,
           sum(total) FILTER (WHERE created_at >= DATE '{{since}}') AS ytd_spend,
           -- arg_max_null, not arg_max: the latest order's total may be NULL, and the original returns it
           arg_max_null(total, (created_at, id)) AS last_order_amount
    FROM orders
    WHERE customer_id IS NOT NULL
    GROUP BY customer_id
)
SELECT u.email, u.region,
       coalesce(p.completed_orders, 0) AS completed_orders,
       p.ytd_spend,
       p.last_order_amount
FROM users u
LEFT JOIN per_customer p ON p.customer_id = u.id
WHERE u.tier = '{{tier}}';
