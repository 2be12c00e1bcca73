SELECT
    user_id,
    event_type,
    occurred_at,
    COUNT(*) OVER (PARTITION BY user_id)                                AS total_user_events,
    COUNT(*) OVER (PARTITION BY user_id, event_type)                   AS type_count,
    ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY occurred_at DESC, id DESC) AS recency_rank,
    RANK() OVER (ORDER BY occurred_at DESC)                            AS global_rank,
    SUM(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END)
        OVER (PARTITION BY user_id)                                    AS user_purchases
FROM events;
