WITH day_rank AS (
    -- RANK() over the whole table only needs how many rows fall on later days: 366 groups, not a 1M-row sort
    SELECT occurred_at,
           1 + coalesce(sum(count(*)) OVER (ORDER BY occurred_at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS global_rank
    FROM events
    GROUP BY occurred_at
)
SELECT
    e.user_id,
    e.event_type,
    e.occurred_at,
    count(*) OVER w_user AS total_user_events,
    count(*) OVER (PARTITION BY e.user_id, e.event_type) AS type_count,
    row_number() OVER (w_user ORDER BY e.occurred_at DESC, e.id DESC) AS recency_rank,
    d.global_rank,
    count(*) FILTER (WHERE e.event_type = 'purchase') OVER w_user AS user_purchases
FROM events e
JOIN day_rank d USING (occurred_at)
WINDOW w_user AS (PARTITION BY e.user_id);
