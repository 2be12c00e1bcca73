SELECT u.id,
       u.email,
       u.tier,
       u.region,
       count(*)     AS orders,
       sum(o.total) AS spend
FROM users u
JOIN orders o ON o.customer_id = u.id
WHERE o.created_at >= DATE '{{since}}'
GROUP BY u.id, u.email, u.tier, u.region;
