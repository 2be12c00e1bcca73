SELECT a.id,
       a.region,
       a.created_at,
       count(*) AS signup_rank
FROM users a
JOIN users b
  ON b.region = a.region
 AND b.created_at <= a.created_at
WHERE a.tier = '{{tier}}'
GROUP BY a.id, a.region, a.created_at;
