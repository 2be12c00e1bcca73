WITH per_customer AS (
    -- group the orders by one integer key first ...
    SELECT customer_id, count(*) AS orders, sum(total) AS spend
    FROM orders
    WHERE created_at >= DATE '{{since}}'
    GROUP BY customer_id
)
-- ... then join about 9k groups, not every order row, to the user details
SELECT u.id, u.email, u.tier, u.region, p.orders, p.spend
FROM per_customer p
JOIN users u ON u.id = p.customer_id;
