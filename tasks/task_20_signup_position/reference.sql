SELECT id, region, created_at, signup_rank
FROM (
    SELECT id, region, created_at, tier,
           -- users of the region who signed up on or before this day (RANGE counts same-day peers, as <= does)
           count(*) OVER (PARTITION BY region ORDER BY created_at
                          RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS signup_rank
    FROM users
    WHERE region IS NOT NULL  -- the self-join never matches a NULL region
) AS ranked
WHERE tier = '{{tier}}';
