-- each branch has one pushable predicate, so each scan skips the row groups that cannot match
SELECT id, user_id, session_id, event_type
FROM events
WHERE occurred_at = DATE '{{day}}'
UNION ALL
-- rows of the session that the first branch already returned are excluded here (IS DISTINCT FROM keeps NULL days)
SELECT id, user_id, session_id, event_type
FROM events
WHERE session_id = 'sess_{{session}}'
  AND occurred_at IS DISTINCT FROM DATE '{{day}}';
