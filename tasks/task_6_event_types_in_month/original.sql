SELECT event_type,
       count(*) AS events,
       count(DISTINCT user_id) AS users
FROM events
WHERE strftime(occurred_at, '%Y-%m') = '{{month}}'
GROUP BY event_type;
