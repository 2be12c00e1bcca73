-- one scan and one join feed all four figures
SELECT count(*)                      AS tier_orders,
       sum(o.total)                  AS tier_revenue,
       count(DISTINCT o.customer_id) AS tier_buyers,
       max(o.created_at)             AS last_tier_order
FROM orders o
JOIN users u ON u.id = o.customer_id
WHERE u.tier = '{{tier}}';
