SELECT o.id,
       o.customer_id,
       (SELECT count(*)
        FROM events e
        WHERE e.user_id = o.customer_id
          AND e.occurred_at BETWEEN o.created_at - INTERVAL 7 DAY AND o.created_at) AS events_last_week,
       (SELECT count(DISTINCT e.session_id)
        FROM events e
        WHERE e.user_id = o.customer_id
          AND e.occurred_at BETWEEN o.created_at - INTERVAL 7 DAY AND o.created_at) AS sessions_last_week,
       (SELECT count(*)
        FROM events e
        WHERE e.user_id = o.customer_id
          AND e.event_type = 'purchase'
          AND e.occurred_at BETWEEN o.created_at - INTERVAL 30 DAY AND o.created_at) AS purchases_last_month
FROM orders o
WHERE o.created_at = DATE '{{day}}';
