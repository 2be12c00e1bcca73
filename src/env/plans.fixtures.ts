// Real EXPLAIN (ANALYZE, FORMAT json) text from DuckDB-WASM 1.32.0 (DuckDB v1.4.3), captured once for plans.test.ts.
// Each is the explain_value of the analyzed_plan row that Executor.plan() reads, as DuckDB returned it, on the
// seed-42 scale-1 main dataset (generateDatasets(engine, MAIN_SPEC), engine hardened).

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
