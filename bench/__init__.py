"""`make bench`: the shop under load beside a bare Django view (see bench/run.py)."""
