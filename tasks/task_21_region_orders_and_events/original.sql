SELECT u.region,
       count(DISTINCT o.id) AS orders,
       count(DISTINCT e.id) AS events
FROM users u
JOIN orders o ON o.customer_id = u.id
JOIN events e ON e.user_id = u.id
WHERE u.id BETWEEN {{first_id}} AND {{first_id}} + 499
GROUP BY u.region;
