SELECT event_type,
       count(*) AS events,
       count(DISTINCT user_id) AS users
FROM events
-- a half-open DATE range: both bounds are DATE constants, so DuckDB checks them against each row group's min/max
WHERE occurred_at >= DATE '{{month}}-01'
  AND occurred_at < last_day(DATE '{{month}}-01') + 1
GROUP BY event_type;
