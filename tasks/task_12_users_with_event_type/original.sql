SELECT DISTINCT u.id, u.email, u.tier, u.region, u.plan, u.created_at
FROM users u
JOIN events e ON e.user_id = u.id
WHERE e.event_type = '{{event_type}}';
