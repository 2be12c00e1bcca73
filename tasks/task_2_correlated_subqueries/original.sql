SELECT
    u.email,
    u.region,
    (SELECT COUNT(*)
     FROM orders o
     WHERE o.customer_id = u.id AND o.status = 'completed') AS completed_orders,
    (SELECT SUM(o.total)
     FROM orders o
     WHERE o.customer_id = u.id
       AND o.created_at >= DATE '{{since}}') AS ytd_spend,
    (SELECT total
     FROM orders o
     WHERE o.customer_id = u.id
     ORDER BY created_at DESC, id DESC LIMIT 1) AS last_order_amount
FROM users u
WHERE u.tier = '{{tier}}';
