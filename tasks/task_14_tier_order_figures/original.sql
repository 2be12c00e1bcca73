SELECT
    (SELECT count(*)
     FROM orders o JOIN users u ON u.id = o.customer_id
     WHERE u.tier = '{{tier}}')                      AS tier_orders,
    (SELECT sum(o.total)
     FROM orders o JOIN users u ON u.id = o.customer_id
     WHERE u.tier = '{{tier}}')                      AS tier_revenue,
    (SELECT count(DISTINCT o.customer_id)
     FROM orders o JOIN users u ON u.id = o.customer_id
     WHERE u.tier = '{{tier}}')                      AS tier_buyers,
    (SELECT max(o.created_at)
     FROM orders o JOIN users u ON u.id = o.customer_id
     WHERE u.tier = '{{tier}}')                      AS last_tier_order;
