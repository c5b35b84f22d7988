"""Metric names in PromQL expressions, for checking them against what /metrics exports."""

import re

FUNCTIONS_AND_KEYWORDS = {
    "sum",
    "avg",
    "min",
    "max",
    "count",
    "topk",
    "bottomk",
    "quantile",
    "stddev",
    "stdvar",
    "rate",
    "irate",
    "increase",
    "delta",
    "idelta",
    "deriv",
    "histogram_quantile",
    "clamp_min",
    "clamp_max",
    "abs",
    "ceil",
    "floor",
    "round",
    "time",
    "vector",
    "scalar",
    "absent",
    "absent_over_time",
    "avg_over_time",
    "max_over_time",
    "min_over_time",
    "sum_over_time",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "bool",
    "and",
    "or",
    "unless",
    "offset",
    "label_replace",
    "label_join",
    "sort",
    "sort_desc",
}


def metric_names(expression: str) -> set[str]:
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expression)  # strings
    text = re.sub(r"\{[^}]*\}", "", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)  # range selectors
    text = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", text)  # grouping labels
    text = re.sub(r"\$\w+", "", text)  # Grafana variables
    tokens = re.findall(r"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*", text)
    return {
        token for token in tokens if token not in FUNCTIONS_AND_KEYWORDS and not re.fullmatch(r"e\d*", token)
    }
