-- (user id, product id) pairs are unique within each branch (both ids are unique) and the branches pick
-- users of different tiers, so nothing is duplicated: UNION ALL returns the same rows without a hash de-duplication
SELECT u.id AS user_id, p.id AS product_id
FROM users u
CROSS JOIN products p
WHERE u.tier = 'premium' AND p.category = '{{category_a}}'
UNION ALL
SELECT u.id, p.id
FROM users u
CROSS JOIN products p
WHERE u.tier = 'enterprise' AND p.category = '{{category_b}}';
