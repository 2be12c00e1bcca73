SELECT o.customer_id, o.id, o.total
FROM orders o
WHERE o.created_at >= DATE '{{since}}'
  AND (SELECT count(*)
       FROM orders o2
       WHERE o2.customer_id = o.customer_id
         AND o2.created_at >= DATE '{{since}}'
         AND o2.total > o.total) < 3;
