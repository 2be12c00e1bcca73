SELECT id,
       created_at,
       total,
       -- RANGE (the default frame with ORDER BY) includes same-day orders, as created_at <= does
       sum(total) OVER (ORDER BY created_at RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_total
FROM orders
WHERE customer_id = {{customer}};
