SELECT date_trunc('month', created_at) AS month,
       status,
       count(*)   AS orders,
       sum(total) AS revenue
FROM orders
WHERE created_at >= DATE '{{from}}'
  AND created_at < DATE '{{to}}'
GROUP BY ALL;
