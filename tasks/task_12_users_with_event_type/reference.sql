-- users.id is unique, so joining the distinct user ids of the matching events returns each user once:
-- the de-duplication runs on one integer column, and the wide user rows are never multiplied
SELECT u.id, u.email, u.tier, u.region, u.plan, u.created_at
FROM users u
JOIN (
    SELECT DISTINCT user_id
    FROM events
    WHERE event_type = '{{event_type}}'
) AS active ON active.user_id = u.id;
