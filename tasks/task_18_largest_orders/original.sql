SELECT id, customer_id, total
FROM (
    SELECT id, customer_id, total,
           row_number() OVER (ORDER BY total DESC NULLS LAST, id) AS rn
    FROM orders
    WHERE status = '{{status}}'
) AS ranked
WHERE rn <= {{n}};
