WITH per_customer AS (
    -- one pass over the orders of this tier's customers (a semi-join skips everyone else)
    SELECT customer_id,
           count(*) FILTER (WHERE status = 'completed') AS completed_orders,
           sum(total) FILTER (WHERE created_at >= DATE '{{since}}') AS ytd_spend,
           max(created_at) AS last_day
    FROM orders
    WHERE customer_id IN (SELECT id FROM users WHERE tier = '{{tier}}')
    GROUP BY customer_id
), last_order AS (
    -- the latest order is on last_day; among that day's orders the highest id wins, as in ORDER BY created_at DESC, id DESC
    -- arg_max_null, not arg_max: the latest order's total may be NULL, and the original returns it
    SELECT o.customer_id, arg_max_null(o.total, o.id) AS last_order_amount
    FROM orders o
    JOIN per_customer p ON p.customer_id = o.customer_id AND o.created_at = p.last_day
    GROUP BY o.customer_id
)
SELECT u.email, u.region,
       coalesce(p.completed_orders, 0) AS completed_orders,
       p.ytd_spend,
       l.last_order_amount
FROM users u
LEFT JOIN per_customer p ON p.customer_id = u.id
LEFT JOIN last_order l ON l.customer_id = u.id
WHERE u.tier = '{{tier}}';
