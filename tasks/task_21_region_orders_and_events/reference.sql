WITH picked AS (
    -- the inner joins keep only users with at least one order and at least one event
    SELECT u.id, u.region
    FROM users u
    WHERE u.id BETWEEN {{first_id}} AND {{first_id}} + 499
      AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = u.id)
      AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id)
), order_counts AS (
    SELECT p.region, count(DISTINCT o.id) AS orders
    FROM picked p JOIN orders o ON o.customer_id = p.id
    GROUP BY p.region
), event_counts AS (
    SELECT p.region, count(DISTINCT e.id) AS events
    FROM picked p JOIN events e ON e.user_id = p.id
    GROUP BY p.region
)
SELECT oc.region, oc.orders, ec.events
FROM order_counts oc
JOIN event_counts ec ON ec.region IS NOT DISTINCT FROM oc.region;
