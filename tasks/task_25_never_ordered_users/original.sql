SELECT u.id, u.email, u.created_at
FROM users u
WHERE u.tier = '{{tier}}'
  AND NOT EXISTS (
      SELECT 1
      FROM orders o
      WHERE o.customer_id = u.id
  );
