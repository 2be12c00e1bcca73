WITH per_type AS (
    -- one GROUP BY gives the per-(user, type) count; windows over its ~57k rows give the per-user figures
    SELECT user_id, event_type,
           count(*) AS type_count,
           sum(count(*)) OVER (PARTITION BY user_id) AS total_user_events,
           sum(count(*) FILTER (WHERE event_type = 'purchase')) OVER (PARTITION BY user_id) AS user_purchases
    FROM events
    GROUP BY user_id, event_type
), day_rank AS (
    -- RANK() over the whole table only needs how many rows fall on later days: 366 groups, not a 1M-row sort
    SELECT occurred_at,
           1 + coalesce(sum(count(*)) OVER (ORDER BY occurred_at DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS global_rank
    FROM events
    GROUP BY occurred_at
), ranked AS (
    -- the one window that needs every row in order
    SELECT user_id, event_type, occurred_at,
           row_number() OVER (PARTITION BY user_id ORDER BY occurred_at DESC, id DESC) AS recency_rank
    FROM events
)
SELECT r.user_id, r.event_type, r.occurred_at,
       t.total_user_events, t.type_count, r.recency_rank, d.global_rank, t.user_purchases
FROM ranked r
JOIN day_rank d ON d.occurred_at = r.occurred_at
JOIN per_type t ON t.user_id IS NOT DISTINCT FROM r.user_id AND t.event_type = r.event_type;
