"""The legacy `/api/` of the first DhakaCart clients (SPEC §8, §17), on the shop's own services.

The old React client and its mobile builds call these paths with the keys and JSON types they
always had; behind them are the same catalogue cache and `place_order` as every other door.
"""
