SELECT id, user_id, session_id, event_type, occurred_at,
       CAST(id AS VARCHAR) || '_' || event_type AS event_key,
       upper(event_type) AS event_type_upper
FROM events
WHERE session_id LIKE 'sess_%'
   OR event_type LIKE '%purchase%'
   OR event_type LIKE '%buy%';
