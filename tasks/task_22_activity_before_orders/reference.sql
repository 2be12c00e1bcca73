WITH recent AS (
    -- every outer order is on {{day}}, so all three windows are fixed DATE ranges: one pruned scan of 31 days of events
    SELECT user_id,
           count(*) FILTER (WHERE occurred_at >= DATE '{{day}}' - 7)                   AS events_last_week,
           count(DISTINCT session_id) FILTER (WHERE occurred_at >= DATE '{{day}}' - 7) AS sessions_last_week,
           count(*) FILTER (WHERE event_type = 'purchase')                            AS purchases_last_month
    FROM events
    WHERE occurred_at BETWEEN DATE '{{day}}' - 30 AND DATE '{{day}}'
    GROUP BY user_id
)
SELECT o.id,
       o.customer_id,
       coalesce(r.events_last_week, 0)     AS events_last_week,
       coalesce(r.sessions_last_week, 0)   AS sessions_last_week,
       coalesce(r.purchases_last_month, 0) AS purchases_last_month
FROM orders o
LEFT JOIN recent r ON r.user_id = o.customer_id
WHERE o.created_at = DATE '{{day}}';
