SELECT u.id AS user_id, p.id AS product_id
FROM users u
CROSS JOIN products p
WHERE u.tier = 'premium' AND p.category = '{{category_a}}'
UNION
SELECT u.id, p.id
FROM users u
CROSS JOIN products p
WHERE u.tier = 'enterprise' AND p.category = '{{category_b}}';
