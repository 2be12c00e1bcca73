SELECT o.id,
       o.created_at,
       o.total,
       (SELECT sum(o2.total)
        FROM orders o2
        WHERE o2.customer_id = o.customer_id
          AND o2.created_at <= o.created_at) AS running_total
FROM orders o
WHERE o.customer_id = {{customer}};
