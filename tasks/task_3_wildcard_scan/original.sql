SELECT
    *,
    CAST(id AS VARCHAR) || '_' || event_type  AS event_key,
    upper(event_type)                          AS event_type_upper
FROM events
WHERE event_type LIKE '%purchase%'
   OR event_type LIKE '%buy%'
   OR session_id LIKE 'sess_%';
