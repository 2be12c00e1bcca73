SELECT *
FROM orders
WHERE CAST(customer_id AS VARCHAR) = '{{customer}}'
  AND year(created_at) = {{year}};
