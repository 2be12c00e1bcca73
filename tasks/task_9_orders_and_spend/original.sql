SELECT customer_id,
       count(*) AS orders,
       sum(total) AS spend
FROM (
    SELECT *
    FROM orders
    ORDER BY {{sort_key}}
) AS sorted_orders
GROUP BY customer_id;
