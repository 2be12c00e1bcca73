-- a GROUP BY does not care about input order: without the sort nothing is materialised
SELECT customer_id,
       count(*) AS orders,
       sum(total) AS spend
FROM orders
GROUP BY customer_id;
