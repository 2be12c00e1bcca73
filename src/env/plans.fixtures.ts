// Real EXPLAIN (ANALYZE, FORMAT json) text from DuckDB-WASM 1.32.0 (DuckDB v1.4.3), captured once for plans.test.ts and
// src/ui/lib/plan-*.test.ts. Each is the explain_value of the analyzed_plan row that Executor.plan() reads, as DuckDB
// returned it, on the seed-42 scale-1 main dataset (generateDatasets(engine, MAIN_SPEC), engine hardened).

/** EXPLAIN (ANALYZE, FORMAT json) SELECT 1 */
export const SELECT_ONE_PLAN = `{
    "total_bytes_written": 0,
    "total_bytes_read": 0,
    "result_set_size": 0,
    "cumulative_rows_scanned": 0,
    "cpu_time": 0.0,
    "blocked_thread_time": 0.0,
    "rows_returned": 0,
    "system_peak_temp_dir_size": 0,
    "cumulative_cardinality": 0,
    "system_peak_buffer_memory": 0,
    "extra_info": {},
    "query_name": "",
    "latency": 0.0,
    "children": [
        {
            "total_bytes_written": 0,
            "result_set_size": 0,
            "operator_timing": 5.42e-7,
            "operator_rows_scanned": 0,
            "cumulative_rows_scanned": 0,
            "operator_cardinality": 0,
            "operator_type": "EXPLAIN_ANALYZE",
            "total_bytes_read": 0,
            "operator_name": "EXPLAIN_ANALYZE",
            "cpu_time": 0.0,
            "extra_info": {},
            "cumulative_cardinality": 0,
            "children": [
                {
                    "cumulative_cardinality": 0,
                    "extra_info": {
                        "Projections": "1",
                        "Estimated Cardinality": "1"
                    },
                    "operator_name": "PROJECTION",
                    "cpu_time": 0.0,
                    "cumulative_rows_scanned": 0,
                    "operator_rows_scanned": 0,
                    "operator_timing": 0.000001974,
                    "result_set_size": 4,
                    "total_bytes_read": 0,
                    "operator_type": "PROJECTION",
                    "total_bytes_written": 0,
                    "operator_cardinality": 1,
                    "children": [
                        {
                            "total_bytes_written": 0,
                            "result_set_size": 4,
                            "operator_timing": 0.000017597,
                            "operator_rows_scanned": 0,
                            "cumulative_rows_scanned": 0,
                            "operator_cardinality": 1,
                            "operator_type": "DUMMY_SCAN",
                            "total_bytes_read": 0,
                            "operator_name": "DUMMY_SCAN",
                            "cpu_time": 0.0,
                            "extra_info": {},
                            "cumulative_cardinality": 0,
                            "children": []
                        }
                    ]
                }
            ]
        }
    ]
}`;

/**
 * EXPLAIN (ANALYZE, FORMAT json)
 * SELECT u.region, count(*) AS n, sum(o.total) AS revenue
 * FROM users u JOIN orders o ON u.id = o.customer_id
 * WHERE o.status IN ('completed', 'shipped')
 * GROUP BY u.region
 * ORDER BY revenue DESC
 */
export const REVENUE_BY_REGION_PLAN = `{
    "total_bytes_written": 0,
    "total_bytes_read": 0,
    "result_set_size": 0,
    "cumulative_rows_scanned": 0,
    "cpu_time": 0.0,
    "blocked_thread_time": 0.0,
    "rows_returned": 0,
    "system_peak_temp_dir_size": 0,
    "cumulative_cardinality": 0,
    "system_peak_buffer_memory": 0,
    "extra_info": {},
    "query_name": "",
    "latency": 0.0,
    "children": [
        {
            "total_bytes_written": 0,
            "result_set_size": 0,
            "operator_timing": 8.81e-7,
            "operator_rows_scanned": 0,
            "cumulative_rows_scanned": 0,
            "operator_cardinality": 0,
            "operator_type": "EXPLAIN_ANALYZE",
            "total_bytes_read": 0,
            "operator_name": "EXPLAIN_ANALYZE",
            "cpu_time": 0.0,
            "extra_info": {},
            "cumulative_cardinality": 0,
            "children": [
                {
                    "cumulative_cardinality": 0,
                    "extra_info": {
                        "Projections": [
                            "__internal_decompress_string(#0)",
                            "#1",
                            "#2"
                        ],
                        "Estimated Cardinality": "0"
                    },
                    "operator_name": "PROJECTION",
                    "cpu_time": 0.0,
                    "cumulative_rows_scanned": 0,
                    "operator_rows_scanned": 0,
                    "operator_timing": 0.000010136,
                    "result_set_size": 240,
                    "total_bytes_read": 0,
                    "operator_type": "PROJECTION",
                    "total_bytes_written": 0,
                    "operator_cardinality": 6,
                    "children": [
                        {
                            "total_bytes_written": 0,
                            "result_set_size": 168,
                            "operator_timing": 0.010405111000000002,
                            "operator_rows_scanned": 0,
                            "cumulative_rows_scanned": 0,
                            "operator_cardinality": 6,
                            "operator_type": "ORDER_BY",
                            "total_bytes_read": 0,
                            "operator_name": "ORDER_BY",
                            "cpu_time": 0.0,
                            "extra_info": {
                                "Order By": "sum(o.total) DESC"
                            },
                            "cumulative_cardinality": 0,
                            "children": [
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Projections": [
                                            "__internal_compress_string_uinteger(#0)",
                                            "#1",
                                            "#2"
                                        ],
                                        "Estimated Cardinality": "5"
                                    },
                                    "operator_name": "PROJECTION",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.000001612,
                                    "result_set_size": 168,
                                    "total_bytes_read": 0,
                                    "operator_type": "PROJECTION",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 6,
                                    "children": [
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 240,
                                            "operator_timing": 0.00006789,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 6,
                                            "operator_type": "PROJECTION",
                                            "total_bytes_read": 0,
                                            "operator_name": "PROJECTION",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Projections": [
                                                    "__internal_decompress_string(#0)",
                                                    "#1",
                                                    "#2"
                                                ],
                                                "Estimated Cardinality": "5"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Groups": "#0",
                                                        "Aggregates": [
                                                            "count_star()",
                                                            "sum(#1)"
                                                        ],
                                                        "Estimated Cardinality": "5"
                                                    },
                                                    "operator_name": "HASH_GROUP_BY",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.04409868499999996,
                                                    "result_set_size": 168,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "HASH_GROUP_BY",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 6,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 4782480,
                                                            "operator_timing": 0.0001122510000000001,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 398540,
                                                            "operator_type": "PROJECTION",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "PROJECTION",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Projections": [
                                                                    "region",
                                                                    "total"
                                                                ],
                                                                "Estimated Cardinality": "100093"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Projections": [
                                                                            "#0",
                                                                            "__internal_compress_string_uinteger(#1)"
                                                                        ],
                                                                        "Estimated Cardinality": "100093"
                                                                    },
                                                                    "operator_name": "PROJECTION",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.030744178999999996,
                                                                    "result_set_size": 4782480,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "PROJECTION",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 398540,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 9564960,
                                                                            "operator_timing": 0.012812433000000002,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 398540,
                                                                            "operator_type": "HASH_JOIN",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "HASH_JOIN",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Join Type": "INNER",
                                                                                "Conditions": "customer_id = id",
                                                                                "Estimated Cardinality": "100093"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": [
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Projections": [
                                                                                            "#0",
                                                                                            "#2"
                                                                                        ],
                                                                                        "Estimated Cardinality": "100093"
                                                                                    },
                                                                                    "operator_name": "PROJECTION",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 0,
                                                                                    "operator_timing": 0.00015132699999999993,
                                                                                    "result_set_size": 6376640,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "PROJECTION",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 398540,
                                                                                    "children": [
                                                                                        {
                                                                                            "total_bytes_written": 0,
                                                                                            "result_set_size": 12753280,
                                                                                            "operator_timing": 0.14427925600000002,
                                                                                            "operator_rows_scanned": 0,
                                                                                            "cumulative_rows_scanned": 0,
                                                                                            "operator_cardinality": 398540,
                                                                                            "operator_type": "FILTER",
                                                                                            "total_bytes_read": 0,
                                                                                            "operator_name": "FILTER",
                                                                                            "cpu_time": 0.0,
                                                                                            "extra_info": {
                                                                                                "Expression": "((status = 'completed') OR (status = 'shipped'))",
                                                                                                "Estimated Cardinality": "100093"
                                                                                            },
                                                                                            "cumulative_cardinality": 0,
                                                                                            "children": [
                                                                                                {
                                                                                                    "cumulative_cardinality": 0,
                                                                                                    "extra_info": {
                                                                                                        "Table": "orders",
                                                                                                        "Type": "Sequential Scan",
                                                                                                        "Projections": [
                                                                                                            "customer_id",
                                                                                                            "status",
                                                                                                            "total"
                                                                                                        ],
                                                                                                        "Filters": "optional: status IN ('completed', 'shipped')",
                                                                                                        "Estimated Cardinality": "500465"
                                                                                                    },
                                                                                                    "operator_name": "SEQ_SCAN ",
                                                                                                    "cpu_time": 0.0,
                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                    "operator_rows_scanned": 500465,
                                                                                                    "operator_timing": 0.05668701499999999,
                                                                                                    "result_set_size": 15933376,
                                                                                                    "total_bytes_read": 0,
                                                                                                    "operator_type": "TABLE_SCAN",
                                                                                                    "total_bytes_written": 0,
                                                                                                    "operator_cardinality": 497918,
                                                                                                    "children": []
                                                                                                }
                                                                                            ]
                                                                                        }
                                                                                    ]
                                                                                },
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Table": "users",
                                                                                        "Type": "Sequential Scan",
                                                                                        "Projections": [
                                                                                            "id",
                                                                                            "region"
                                                                                        ],
                                                                                        "Filters": "id<=9200",
                                                                                        "Estimated Cardinality": "10000"
                                                                                    },
                                                                                    "operator_name": "SEQ_SCAN ",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 10000,
                                                                                    "operator_timing": 0.007948559999999999,
                                                                                    "result_set_size": 220800,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "TABLE_SCAN",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 9200,
                                                                                    "children": []
                                                                                }
                                                                            ]
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                        }
                                    ]
                                }
                            ]
                        }
                    ]
                }
            ]
        }
    ]
}`;

/**
 * EXPLAIN (ANALYZE, FORMAT json) of task 2's original (tasks/task_2_correlated_subqueries/original.sql) with
 * tier = 'premium' and since = '2024-01-01': three correlated subqueries over orders, decorrelated into delim joins.
 */
export const TASK2_ORIGINAL_PLAN = `{
    "total_bytes_written": 0,
    "total_bytes_read": 0,
    "result_set_size": 0,
    "cumulative_rows_scanned": 0,
    "cpu_time": 0.0,
    "blocked_thread_time": 0.0,
    "rows_returned": 0,
    "system_peak_temp_dir_size": 0,
    "cumulative_cardinality": 0,
    "system_peak_buffer_memory": 0,
    "extra_info": {},
    "query_name": "",
    "latency": 0.0,
    "children": [
        {
            "total_bytes_written": 0,
            "result_set_size": 0,
            "operator_timing": 0.0000015339999999999998,
            "operator_rows_scanned": 0,
            "cumulative_rows_scanned": 0,
            "operator_cardinality": 0,
            "operator_type": "EXPLAIN_ANALYZE",
            "total_bytes_read": 0,
            "operator_name": "EXPLAIN_ANALYZE",
            "cpu_time": 0.0,
            "extra_info": {},
            "cumulative_cardinality": 0,
            "children": [
                {
                    "cumulative_cardinality": 0,
                    "extra_info": {
                        "Projections": [
                            "email",
                            "region",
                            "completed_orders",
                            "ytd_spend",
                            "last_order_amount"
                        ],
                        "Estimated Cardinality": "5000"
                    },
                    "operator_name": "PROJECTION",
                    "cpu_time": 0.0,
                    "cumulative_rows_scanned": 0,
                    "operator_rows_scanned": 0,
                    "operator_timing": 0.000001962,
                    "result_set_size": 211008,
                    "total_bytes_read": 0,
                    "operator_type": "PROJECTION",
                    "total_bytes_written": 0,
                    "operator_cardinality": 3297,
                    "children": [
                        {
                            "total_bytes_written": 0,
                            "result_set_size": 0,
                            "operator_timing": 0.001172561,
                            "operator_rows_scanned": 0,
                            "cumulative_rows_scanned": 0,
                            "operator_cardinality": 0,
                            "operator_type": "LEFT_DELIM_JOIN",
                            "total_bytes_read": 0,
                            "operator_name": "LEFT_DELIM_JOIN",
                            "cpu_time": 0.0,
                            "extra_info": {
                                "Join Type": "SINGLE",
                                "Conditions": "id IS NOT DISTINCT FROM id",
                                "Estimated Cardinality": "5000",
                                "Delim Index": "3"
                            },
                            "cumulative_cardinality": 0,
                            "children": [
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Join Type": "RIGHT",
                                        "Conditions": "id IS NOT DISTINCT FROM id",
                                        "Estimated Cardinality": "5000",
                                        "Delim Index": "2"
                                    },
                                    "operator_name": "RIGHT_DELIM_JOIN",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.002185342,
                                    "result_set_size": 0,
                                    "total_bytes_read": 0,
                                    "operator_type": "RIGHT_DELIM_JOIN",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 0,
                                    "children": [
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 0,
                                            "operator_timing": 0.003428824,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 0,
                                            "operator_type": "LEFT_DELIM_JOIN",
                                            "total_bytes_read": 0,
                                            "operator_name": "LEFT_DELIM_JOIN",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Join Type": "SINGLE",
                                                "Conditions": "id IS NOT DISTINCT FROM id",
                                                "Estimated Cardinality": "5000",
                                                "Delim Index": "1"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Table": "users",
                                                        "Type": "Sequential Scan",
                                                        "Projections": [
                                                            "email",
                                                            "region",
                                                            "id"
                                                        ],
                                                        "Filters": "tier='premium'",
                                                        "Estimated Cardinality": "5000"
                                                    },
                                                    "operator_name": "SEQ_SCAN ",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 10000,
                                                    "operator_timing": 0.004942101,
                                                    "result_set_size": 131880,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "TABLE_SCAN",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3297,
                                                    "children": []
                                                },
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Join Type": "SINGLE",
                                                        "Conditions": "id IS NOT DISTINCT FROM id",
                                                        "Estimated Cardinality": "5000"
                                                    },
                                                    "operator_name": "HASH_JOIN",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.005216147,
                                                    "result_set_size": 158256,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "HASH_JOIN",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3297,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 131880,
                                                            "operator_timing": 0.000084447,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 3297,
                                                            "operator_type": "COLUMN_DATA_SCAN",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "COLUMN_DATA_SCAN",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Estimated Cardinality": "5000"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": []
                                                        },
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 52752,
                                                            "operator_timing": 0.000062363,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 3297,
                                                            "operator_type": "PROJECTION",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "PROJECTION",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Projections": [
                                                                    "CASE  WHEN ((count_star() IS NULL)) THEN (0) ELSE count_star() END",
                                                                    "id"
                                                                ],
                                                                "Estimated Cardinality": "29728"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Join Type": "RIGHT",
                                                                        "Conditions": "#0 IS NOT DISTINCT FROM id",
                                                                        "Estimated Cardinality": "29728"
                                                                    },
                                                                    "operator_name": "HASH_JOIN",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.006618406999999999,
                                                                    "result_set_size": 52752,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "HASH_JOIN",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 3297,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 48832,
                                                                            "operator_timing": 0.000085627,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 3052,
                                                                            "operator_type": "PROJECTION",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "PROJECTION",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Projections": [
                                                                                    "__internal_decompress_integral_bigint(#0, 1)",
                                                                                    "#1"
                                                                                ],
                                                                                "Estimated Cardinality": "29728"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": [
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Groups": "#0",
                                                                                        "Aggregates": "count_star()",
                                                                                        "Estimated Cardinality": "29728"
                                                                                    },
                                                                                    "operator_name": "HASH_GROUP_BY",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 0,
                                                                                    "operator_timing": 0.011698881000000012,
                                                                                    "result_set_size": 30520,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "HASH_GROUP_BY",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 3052,
                                                                                    "children": [
                                                                                        {
                                                                                            "total_bytes_written": 0,
                                                                                            "result_set_size": 193642,
                                                                                            "operator_timing": 0.00012992300000000005,
                                                                                            "operator_rows_scanned": 0,
                                                                                            "cumulative_rows_scanned": 0,
                                                                                            "operator_cardinality": 96821,
                                                                                            "operator_type": "PROJECTION",
                                                                                            "total_bytes_read": 0,
                                                                                            "operator_name": "PROJECTION",
                                                                                            "cpu_time": 0.0,
                                                                                            "extra_info": {
                                                                                                "Projections": "id",
                                                                                                "Estimated Cardinality": "59456"
                                                                                            },
                                                                                            "cumulative_cardinality": 0,
                                                                                            "children": [
                                                                                                {
                                                                                                    "cumulative_cardinality": 0,
                                                                                                    "extra_info": {
                                                                                                        "Projections": [
                                                                                                            "__internal_compress_integral_usmallint(#0, 1)",
                                                                                                            "#1"
                                                                                                        ],
                                                                                                        "Estimated Cardinality": "59456"
                                                                                                    },
                                                                                                    "operator_name": "PROJECTION",
                                                                                                    "cpu_time": 0.0,
                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                    "operator_rows_scanned": 0,
                                                                                                    "operator_timing": 0.0010875859999999987,
                                                                                                    "result_set_size": 968210,
                                                                                                    "total_bytes_read": 0,
                                                                                                    "operator_type": "PROJECTION",
                                                                                                    "total_bytes_written": 0,
                                                                                                    "operator_cardinality": 96821,
                                                                                                    "children": [
                                                                                                        {
                                                                                                            "total_bytes_written": 0,
                                                                                                            "result_set_size": 1549136,
                                                                                                            "operator_timing": 0.008233957999999994,
                                                                                                            "operator_rows_scanned": 0,
                                                                                                            "cumulative_rows_scanned": 0,
                                                                                                            "operator_cardinality": 96821,
                                                                                                            "operator_type": "HASH_JOIN",
                                                                                                            "total_bytes_read": 0,
                                                                                                            "operator_name": "HASH_JOIN",
                                                                                                            "cpu_time": 0.0,
                                                                                                            "extra_info": {
                                                                                                                "Join Type": "INNER",
                                                                                                                "Conditions": "customer_id = id",
                                                                                                                "Estimated Cardinality": "59456"
                                                                                                            },
                                                                                                            "cumulative_cardinality": 0,
                                                                                                            "children": [
                                                                                                                {
                                                                                                                    "cumulative_cardinality": 0,
                                                                                                                    "extra_info": {
                                                                                                                        "Table": "orders",
                                                                                                                        "Type": "Sequential Scan",
                                                                                                                        "Projections": "customer_id",
                                                                                                                        "Filters": "status='completed'",
                                                                                                                        "Estimated Cardinality": "125125"
                                                                                                                    },
                                                                                                                    "operator_name": "SEQ_SCAN ",
                                                                                                                    "cpu_time": 0.0,
                                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                                    "operator_rows_scanned": 500500,
                                                                                                                    "operator_timing": 0.029237678,
                                                                                                                    "result_set_size": 2362648,
                                                                                                                    "total_bytes_read": 0,
                                                                                                                    "operator_type": "TABLE_SCAN",
                                                                                                                    "total_bytes_written": 0,
                                                                                                                    "operator_cardinality": 295331,
                                                                                                                    "children": []
                                                                                                                },
                                                                                                                {
                                                                                                                    "cumulative_cardinality": 0,
                                                                                                                    "extra_info": {
                                                                                                                        "Delim Index": "1",
                                                                                                                        "Estimated Cardinality": "3934"
                                                                                                                    },
                                                                                                                    "operator_name": "DELIM_SCAN",
                                                                                                                    "cpu_time": 0.0,
                                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                                    "operator_rows_scanned": 0,
                                                                                                                    "operator_timing": 0.0,
                                                                                                                    "result_set_size": 0,
                                                                                                                    "total_bytes_read": 0,
                                                                                                                    "operator_type": "DELIM_SCAN",
                                                                                                                    "total_bytes_written": 0,
                                                                                                                    "operator_cardinality": 0,
                                                                                                                    "children": []
                                                                                                                }
                                                                                                            ]
                                                                                                        }
                                                                                                    ]
                                                                                                }
                                                                                            ]
                                                                                        }
                                                                                    ]
                                                                                }
                                                                            ]
                                                                        },
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 0,
                                                                            "operator_timing": 0.0,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 0,
                                                                            "operator_type": "DELIM_SCAN",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "DELIM_SCAN",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Delim Index": "1",
                                                                                "Estimated Cardinality": "3934"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": []
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                },
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Groups": "#2",
                                                        "Aggregates": "",
                                                        "Estimated Cardinality": "3934"
                                                    },
                                                    "operator_name": "HASH_GROUP_BY",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.0005106479999999999,
                                                    "result_set_size": 52752,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "HASH_GROUP_BY",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 6594,
                                                    "children": []
                                                }
                                            ]
                                        },
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 211008,
                                            "operator_timing": 0.000751715,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3297,
                                            "operator_type": "HASH_JOIN",
                                            "total_bytes_read": 0,
                                            "operator_name": "HASH_JOIN",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Join Type": "RIGHT",
                                                "Conditions": "id IS NOT DISTINCT FROM id",
                                                "Estimated Cardinality": "5000"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Projections": [
                                                            "sum(total)",
                                                            "id"
                                                        ],
                                                        "Estimated Cardinality": "23782"
                                                    },
                                                    "operator_name": "PROJECTION",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.0000017330000000000002,
                                                    "result_set_size": 73248,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "PROJECTION",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3052,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 73248,
                                                            "operator_timing": 0.000015153,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 3052,
                                                            "operator_type": "PROJECTION",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "PROJECTION",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Projections": [
                                                                    "__internal_decompress_integral_bigint(#0, 1)",
                                                                    "#1"
                                                                ],
                                                                "Estimated Cardinality": "23782"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Groups": "#0",
                                                                        "Aggregates": "sum(#1)",
                                                                        "Estimated Cardinality": "23782"
                                                                    },
                                                                    "operator_name": "HASH_GROUP_BY",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.010289797999999998,
                                                                    "result_set_size": 54936,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "HASH_GROUP_BY",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 3052,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 809370,
                                                                            "operator_timing": 0.00008979200000000005,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 80937,
                                                                            "operator_type": "PROJECTION",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "PROJECTION",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Projections": [
                                                                                    "id",
                                                                                    "total"
                                                                                ],
                                                                                "Estimated Cardinality": "47565"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": [
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Projections": [
                                                                                            "__internal_compress_integral_usmallint(#0, 1)",
                                                                                            "#1",
                                                                                            "#2"
                                                                                        ],
                                                                                        "Estimated Cardinality": "47565"
                                                                                    },
                                                                                    "operator_name": "PROJECTION",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 0,
                                                                                    "operator_timing": 0.0006538389999999998,
                                                                                    "result_set_size": 1456866,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "PROJECTION",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 80937,
                                                                                    "children": [
                                                                                        {
                                                                                            "total_bytes_written": 0,
                                                                                            "result_set_size": 1942488,
                                                                                            "operator_timing": 0.002983482,
                                                                                            "operator_rows_scanned": 0,
                                                                                            "cumulative_rows_scanned": 0,
                                                                                            "operator_cardinality": 80937,
                                                                                            "operator_type": "HASH_JOIN",
                                                                                            "total_bytes_read": 0,
                                                                                            "operator_name": "HASH_JOIN",
                                                                                            "cpu_time": 0.0,
                                                                                            "extra_info": {
                                                                                                "Join Type": "INNER",
                                                                                                "Conditions": "customer_id = id",
                                                                                                "Estimated Cardinality": "47565"
                                                                                            },
                                                                                            "cumulative_cardinality": 0,
                                                                                            "children": [
                                                                                                {
                                                                                                    "cumulative_cardinality": 0,
                                                                                                    "extra_info": {
                                                                                                        "Table": "orders",
                                                                                                        "Type": "Sequential Scan",
                                                                                                        "Projections": [
                                                                                                            "customer_id",
                                                                                                            "total"
                                                                                                        ],
                                                                                                        "Filters": "created_at>='2024-01-01'::DATE",
                                                                                                        "Estimated Cardinality": "100100"
                                                                                                    },
                                                                                                    "operator_name": "SEQ_SCAN ",
                                                                                                    "cpu_time": 0.0,
                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                    "operator_rows_scanned": 500500,
                                                                                                    "operator_timing": 0.012305653000000008,
                                                                                                    "result_set_size": 3935136,
                                                                                                    "total_bytes_read": 0,
                                                                                                    "operator_type": "TABLE_SCAN",
                                                                                                    "total_bytes_written": 0,
                                                                                                    "operator_cardinality": 245946,
                                                                                                    "children": []
                                                                                                },
                                                                                                {
                                                                                                    "cumulative_cardinality": 0,
                                                                                                    "extra_info": {
                                                                                                        "Delim Index": "2",
                                                                                                        "Estimated Cardinality": "3934"
                                                                                                    },
                                                                                                    "operator_name": "DELIM_SCAN",
                                                                                                    "cpu_time": 0.0,
                                                                                                    "cumulative_rows_scanned": 0,
                                                                                                    "operator_rows_scanned": 0,
                                                                                                    "operator_timing": 0.0,
                                                                                                    "result_set_size": 0,
                                                                                                    "total_bytes_read": 0,
                                                                                                    "operator_type": "DELIM_SCAN",
                                                                                                    "total_bytes_written": 0,
                                                                                                    "operator_cardinality": 0,
                                                                                                    "children": []
                                                                                                }
                                                                                            ]
                                                                                        }
                                                                                    ]
                                                                                }
                                                                            ]
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                },
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {},
                                                    "operator_name": "DUMMY_SCAN",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.0,
                                                    "result_set_size": 0,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "DUMMY_SCAN",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 0,
                                                    "children": []
                                                }
                                            ]
                                        },
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 26376,
                                            "operator_timing": 0.000045226,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3297,
                                            "operator_type": "HASH_GROUP_BY",
                                            "total_bytes_read": 0,
                                            "operator_name": "HASH_GROUP_BY",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Groups": "#2",
                                                "Aggregates": "",
                                                "Estimated Cardinality": "3934"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": []
                                        }
                                    ]
                                },
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Join Type": "SINGLE",
                                        "Conditions": "id IS NOT DISTINCT FROM id",
                                        "Estimated Cardinality": "5000"
                                    },
                                    "operator_name": "HASH_JOIN",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.004628492,
                                    "result_set_size": 211008,
                                    "total_bytes_read": 0,
                                    "operator_type": "HASH_JOIN",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 3297,
                                    "children": [
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 211008,
                                            "operator_timing": 0.000017528,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3297,
                                            "operator_type": "COLUMN_DATA_SCAN",
                                            "total_bytes_read": 0,
                                            "operator_name": "COLUMN_DATA_SCAN",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Estimated Cardinality": "5000"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": []
                                        },
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 48832,
                                            "operator_timing": 0.000020359999999999998,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3052,
                                            "operator_type": "PROJECTION",
                                            "total_bytes_read": 0,
                                            "operator_name": "PROJECTION",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Projections": [
                                                    "#0",
                                                    "#3"
                                                ],
                                                "Estimated Cardinality": "47565"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Expression": "(limit_rownum <= 1)",
                                                        "Estimated Cardinality": "47565"
                                                    },
                                                    "operator_name": "FILTER",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.0053001290000000015,
                                                    "result_set_size": 109872,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "FILTER",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3052,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 5810508,
                                                            "operator_timing": 0.000054840999999999985,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 161403,
                                                            "operator_type": "PROJECTION",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "PROJECTION",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Projections": [
                                                                    "#0",
                                                                    "#1",
                                                                    "#2",
                                                                    "#3",
                                                                    "#4"
                                                                ],
                                                                "Estimated Cardinality": "237826"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Projections": "ROW_NUMBER() OVER (PARTITION BY id ORDER BY #1 DESC NULLS LAST, #2 DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
                                                                    },
                                                                    "operator_name": "WINDOW",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.08705601500000001,
                                                                    "result_set_size": 5810508,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "WINDOW",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 161403,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 4519284,
                                                                            "operator_timing": 0.00027409499999999997,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 161403,
                                                                            "operator_type": "PROJECTION",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "PROJECTION",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Projections": [
                                                                                    "total",
                                                                                    "created_at",
                                                                                    "id",
                                                                                    "id"
                                                                                ],
                                                                                "Estimated Cardinality": "237826"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": [
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Join Type": "INNER",
                                                                                        "Conditions": "customer_id = id",
                                                                                        "Estimated Cardinality": "237826"
                                                                                    },
                                                                                    "operator_name": "HASH_JOIN",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 0,
                                                                                    "operator_timing": 0.005791504999999995,
                                                                                    "result_set_size": 5810508,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "HASH_JOIN",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 161403,
                                                                                    "children": [
                                                                                        {
                                                                                            "total_bytes_written": 0,
                                                                                            "result_set_size": 13772752,
                                                                                            "operator_timing": 0.006782674000000002,
                                                                                            "operator_rows_scanned": 500500,
                                                                                            "cumulative_rows_scanned": 0,
                                                                                            "operator_cardinality": 491884,
                                                                                            "operator_type": "TABLE_SCAN",
                                                                                            "total_bytes_read": 0,
                                                                                            "operator_name": "SEQ_SCAN ",
                                                                                            "cpu_time": 0.0,
                                                                                            "extra_info": {
                                                                                                "Table": "orders",
                                                                                                "Type": "Sequential Scan",
                                                                                                "Projections": [
                                                                                                    "customer_id",
                                                                                                    "total",
                                                                                                    "created_at",
                                                                                                    "id"
                                                                                                ],
                                                                                                "Estimated Cardinality": "500500"
                                                                                            },
                                                                                            "cumulative_cardinality": 0,
                                                                                            "children": []
                                                                                        },
                                                                                        {
                                                                                            "total_bytes_written": 0,
                                                                                            "result_set_size": 0,
                                                                                            "operator_timing": 0.0,
                                                                                            "operator_rows_scanned": 0,
                                                                                            "cumulative_rows_scanned": 0,
                                                                                            "operator_cardinality": 0,
                                                                                            "operator_type": "DELIM_SCAN",
                                                                                            "total_bytes_read": 0,
                                                                                            "operator_name": "DELIM_SCAN",
                                                                                            "cpu_time": 0.0,
                                                                                            "extra_info": {
                                                                                                "Delim Index": "3",
                                                                                                "Estimated Cardinality": "3934"
                                                                                            },
                                                                                            "cumulative_cardinality": 0,
                                                                                            "children": []
                                                                                        }
                                                                                    ]
                                                                                }
                                                                            ]
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                        }
                                    ]
                                },
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Groups": "#3",
                                        "Aggregates": "",
                                        "Estimated Cardinality": "3934"
                                    },
                                    "operator_name": "HASH_GROUP_BY",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.000768049,
                                    "result_set_size": 26376,
                                    "total_bytes_read": 0,
                                    "operator_type": "HASH_GROUP_BY",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 3297,
                                    "children": []
                                }
                            ]
                        }
                    ]
                }
            ]
        }
    ]
}`;

/** The same for task 2's reference (reference.sql, same parameters): one grouped pass over the tier's orders in a CTE. */
export const TASK2_REFERENCE_PLAN = `{
    "total_bytes_written": 0,
    "total_bytes_read": 0,
    "result_set_size": 0,
    "cumulative_rows_scanned": 0,
    "cpu_time": 0.0,
    "blocked_thread_time": 0.0,
    "rows_returned": 0,
    "system_peak_temp_dir_size": 0,
    "cumulative_cardinality": 0,
    "system_peak_buffer_memory": 0,
    "extra_info": {},
    "query_name": "",
    "latency": 0.0,
    "children": [
        {
            "total_bytes_written": 0,
            "result_set_size": 0,
            "operator_timing": 0.0000018240000000000002,
            "operator_rows_scanned": 0,
            "cumulative_rows_scanned": 0,
            "operator_cardinality": 0,
            "operator_type": "EXPLAIN_ANALYZE",
            "total_bytes_read": 0,
            "operator_name": "EXPLAIN_ANALYZE",
            "cpu_time": 0.0,
            "extra_info": {},
            "cumulative_cardinality": 0,
            "children": [
                {
                    "cumulative_cardinality": 0,
                    "extra_info": {
                        "CTE Name": "per_customer",
                        "Table Index": "0",
                        "Estimated Cardinality": "8278"
                    },
                    "operator_name": "CTE",
                    "cpu_time": 0.0,
                    "cumulative_rows_scanned": 0,
                    "operator_rows_scanned": 0,
                    "operator_timing": 0.000038098,
                    "result_set_size": 0,
                    "total_bytes_read": 0,
                    "operator_type": "CTE",
                    "total_bytes_written": 0,
                    "operator_cardinality": 0,
                    "children": [
                        {
                            "total_bytes_written": 0,
                            "result_set_size": 109872,
                            "operator_timing": 0.000007772,
                            "operator_rows_scanned": 0,
                            "cumulative_rows_scanned": 0,
                            "operator_cardinality": 3052,
                            "operator_type": "PROJECTION",
                            "total_bytes_read": 0,
                            "operator_name": "PROJECTION",
                            "cpu_time": 0.0,
                            "extra_info": {
                                "Projections": [
                                    "__internal_decompress_integral_bigint(#0, 1)",
                                    "#1",
                                    "#2",
                                    "#3"
                                ],
                                "Estimated Cardinality": "8278"
                            },
                            "cumulative_cardinality": 0,
                            "children": [
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Groups": "#0",
                                        "Aggregates": [
                                            "count_star() FILTER (WHERE #2) Filter: #2",
                                            "sum(#2) FILTER (WHERE #3) Filter: #3",
                                            "max(#4)"
                                        ],
                                        "Estimated Cardinality": "8278"
                                    },
                                    "operator_name": "HASH_GROUP_BY",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.014948151000000003,
                                    "result_set_size": 91560,
                                    "total_bytes_read": 0,
                                    "operator_type": "HASH_GROUP_BY",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 3052,
                                    "children": [
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 2582448,
                                            "operator_timing": 0.006915677,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 161403,
                                            "operator_type": "PROJECTION",
                                            "total_bytes_read": 0,
                                            "operator_name": "PROJECTION",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Projections": [
                                                    "customer_id",
                                                    "(status = 'completed')",
                                                    "total",
                                                    "(created_at >= '2024-01-01'::DATE)",
                                                    "created_at"
                                                ],
                                                "Estimated Cardinality": "100100"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Projections": [
                                                            "__internal_compress_integral_usmallint(#0, 1)",
                                                            "#1",
                                                            "#2",
                                                            "#3"
                                                        ],
                                                        "Estimated Cardinality": "100100"
                                                    },
                                                    "operator_name": "PROJECTION",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.0011356789999999995,
                                                    "result_set_size": 4842090,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "PROJECTION",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 161403,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 5810508,
                                                            "operator_timing": 0.02324133299999999,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 161403,
                                                            "operator_type": "HASH_JOIN",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "HASH_JOIN",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Join Type": "SEMI",
                                                                "Conditions": "customer_id = #0",
                                                                "Estimated Cardinality": "100100"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Table": "orders",
                                                                        "Type": "Sequential Scan",
                                                                        "Projections": [
                                                                            "customer_id",
                                                                            "status",
                                                                            "created_at",
                                                                            "total"
                                                                        ],
                                                                        "Estimated Cardinality": "500500"
                                                                    },
                                                                    "operator_name": "SEQ_SCAN ",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 500500,
                                                                    "operator_timing": 0.021012646000000006,
                                                                    "result_set_size": 17702100,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "TABLE_SCAN",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 491725,
                                                                    "children": []
                                                                },
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Expression": "(id <= 9200)",
                                                                        "Estimated Cardinality": "5000"
                                                                    },
                                                                    "operator_name": "FILTER",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.000095303,
                                                                    "result_set_size": 24416,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "FILTER",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 3052,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 26376,
                                                                            "operator_timing": 0.00026973,
                                                                            "operator_rows_scanned": 10000,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 3297,
                                                                            "operator_type": "TABLE_SCAN",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "SEQ_SCAN ",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Table": "users",
                                                                                "Type": "Sequential Scan",
                                                                                "Projections": "id",
                                                                                "Filters": "tier='premium'",
                                                                                "Estimated Cardinality": "5000"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": []
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                        }
                                    ]
                                }
                            ]
                        },
                        {
                            "total_bytes_written": 0,
                            "result_set_size": 211008,
                            "operator_timing": 0.000052649,
                            "operator_rows_scanned": 0,
                            "cumulative_rows_scanned": 0,
                            "operator_cardinality": 3297,
                            "operator_type": "PROJECTION",
                            "total_bytes_read": 0,
                            "operator_name": "PROJECTION",
                            "cpu_time": 0.0,
                            "extra_info": {
                                "Projections": [
                                    "email",
                                    "region",
                                    "completed_orders",
                                    "ytd_spend",
                                    "last_order_amount"
                                ],
                                "Estimated Cardinality": "8278"
                            },
                            "cumulative_cardinality": 0,
                            "children": [
                                {
                                    "cumulative_cardinality": 0,
                                    "extra_info": {
                                        "Join Type": "LEFT",
                                        "Conditions": "id = customer_id",
                                        "Estimated Cardinality": "8278"
                                    },
                                    "operator_name": "HASH_JOIN",
                                    "cpu_time": 0.0,
                                    "cumulative_rows_scanned": 0,
                                    "operator_rows_scanned": 0,
                                    "operator_timing": 0.000534599,
                                    "result_set_size": 211008,
                                    "total_bytes_read": 0,
                                    "operator_type": "HASH_JOIN",
                                    "total_bytes_written": 0,
                                    "operator_cardinality": 3297,
                                    "children": [
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 211008,
                                            "operator_timing": 0.0008172450000000001,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3297,
                                            "operator_type": "HASH_JOIN",
                                            "total_bytes_read": 0,
                                            "operator_name": "HASH_JOIN",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Join Type": "RIGHT",
                                                "Conditions": "customer_id = id",
                                                "Estimated Cardinality": "8278"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "CTE Index": "0",
                                                        "Estimated Cardinality": "8278"
                                                    },
                                                    "operator_name": "CTE_SCAN",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.000011568,
                                                    "result_set_size": 109872,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "CTE_SCAN",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3052,
                                                    "children": []
                                                },
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Table": "users",
                                                        "Type": "Sequential Scan",
                                                        "Projections": [
                                                            "id",
                                                            "email",
                                                            "region"
                                                        ],
                                                        "Filters": "tier='premium'",
                                                        "Estimated Cardinality": "5000"
                                                    },
                                                    "operator_name": "SEQ_SCAN ",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 10000,
                                                    "operator_timing": 0.000455684,
                                                    "result_set_size": 131880,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "TABLE_SCAN",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3297,
                                                    "children": []
                                                }
                                            ]
                                        },
                                        {
                                            "total_bytes_written": 0,
                                            "result_set_size": 48832,
                                            "operator_timing": 0.000010756,
                                            "operator_rows_scanned": 0,
                                            "cumulative_rows_scanned": 0,
                                            "operator_cardinality": 3052,
                                            "operator_type": "PROJECTION",
                                            "total_bytes_read": 0,
                                            "operator_name": "PROJECTION",
                                            "cpu_time": 0.0,
                                            "extra_info": {
                                                "Projections": [
                                                    "__internal_decompress_integral_bigint(#0, 1)",
                                                    "#1"
                                                ],
                                                "Estimated Cardinality": "8278"
                                            },
                                            "cumulative_cardinality": 0,
                                            "children": [
                                                {
                                                    "cumulative_cardinality": 0,
                                                    "extra_info": {
                                                        "Groups": "#0",
                                                        "Aggregates": "arg_max_null(#1, #2)",
                                                        "Estimated Cardinality": "8278"
                                                    },
                                                    "operator_name": "HASH_GROUP_BY",
                                                    "cpu_time": 0.0,
                                                    "cumulative_rows_scanned": 0,
                                                    "operator_rows_scanned": 0,
                                                    "operator_timing": 0.009358828,
                                                    "result_set_size": 30520,
                                                    "total_bytes_read": 0,
                                                    "operator_type": "HASH_GROUP_BY",
                                                    "total_bytes_written": 0,
                                                    "operator_cardinality": 3052,
                                                    "children": [
                                                        {
                                                            "total_bytes_written": 0,
                                                            "result_set_size": 57114,
                                                            "operator_timing": 0.000010889999999999999,
                                                            "operator_rows_scanned": 0,
                                                            "cumulative_rows_scanned": 0,
                                                            "operator_cardinality": 3173,
                                                            "operator_type": "PROJECTION",
                                                            "total_bytes_read": 0,
                                                            "operator_name": "PROJECTION",
                                                            "cpu_time": 0.0,
                                                            "extra_info": {
                                                                "Projections": [
                                                                    "customer_id",
                                                                    "total",
                                                                    "id"
                                                                ],
                                                                "Estimated Cardinality": "250219"
                                                            },
                                                            "cumulative_cardinality": 0,
                                                            "children": [
                                                                {
                                                                    "cumulative_cardinality": 0,
                                                                    "extra_info": {
                                                                        "Projections": [
                                                                            "__internal_compress_integral_usmallint(#0, 1)",
                                                                            "#1",
                                                                            "#2",
                                                                            "#3",
                                                                            "#4",
                                                                            "#5",
                                                                            "#6"
                                                                        ],
                                                                        "Estimated Cardinality": "250219"
                                                                    },
                                                                    "operator_name": "PROJECTION",
                                                                    "cpu_time": 0.0,
                                                                    "cumulative_rows_scanned": 0,
                                                                    "operator_rows_scanned": 0,
                                                                    "operator_timing": 0.000079533,
                                                                    "result_set_size": 171342,
                                                                    "total_bytes_read": 0,
                                                                    "operator_type": "PROJECTION",
                                                                    "total_bytes_written": 0,
                                                                    "operator_cardinality": 3173,
                                                                    "children": [
                                                                        {
                                                                            "total_bytes_written": 0,
                                                                            "result_set_size": 190380,
                                                                            "operator_timing": 0.009394044,
                                                                            "operator_rows_scanned": 0,
                                                                            "cumulative_rows_scanned": 0,
                                                                            "operator_cardinality": 3173,
                                                                            "operator_type": "HASH_JOIN",
                                                                            "total_bytes_read": 0,
                                                                            "operator_name": "HASH_JOIN",
                                                                            "cpu_time": 0.0,
                                                                            "extra_info": {
                                                                                "Join Type": "INNER",
                                                                                "Conditions": [
                                                                                    "customer_id = customer_id",
                                                                                    "created_at = last_day"
                                                                                ],
                                                                                "Estimated Cardinality": "250219"
                                                                            },
                                                                            "cumulative_cardinality": 0,
                                                                            "children": [
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "Table": "orders",
                                                                                        "Type": "Sequential Scan",
                                                                                        "Projections": [
                                                                                            "customer_id",
                                                                                            "created_at",
                                                                                            "total",
                                                                                            "id"
                                                                                        ],
                                                                                        "Estimated Cardinality": "500500"
                                                                                    },
                                                                                    "operator_name": "SEQ_SCAN ",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 500500,
                                                                                    "operator_timing": 0.0021111769999999997,
                                                                                    "result_set_size": 4865056,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "TABLE_SCAN",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 173752,
                                                                                    "children": []
                                                                                },
                                                                                {
                                                                                    "cumulative_cardinality": 0,
                                                                                    "extra_info": {
                                                                                        "CTE Index": "0",
                                                                                        "Estimated Cardinality": "8278"
                                                                                    },
                                                                                    "operator_name": "CTE_SCAN",
                                                                                    "cpu_time": 0.0,
                                                                                    "cumulative_rows_scanned": 0,
                                                                                    "operator_rows_scanned": 0,
                                                                                    "operator_timing": 0.000011519,
                                                                                    "result_set_size": 109872,
                                                                                    "total_bytes_read": 0,
                                                                                    "operator_type": "CTE_SCAN",
                                                                                    "total_bytes_written": 0,
                                                                                    "operator_cardinality": 3052,
                                                                                    "children": []
                                                                                }
                                                                            ]
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                        }
                                    ]
                                }
                            ]
                        }
                    ]
                }
            ]
        }
    ]
}`;
