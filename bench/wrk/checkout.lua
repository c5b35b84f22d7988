-- Guest checkout through API v1: a new Idempotency-Key on every request, so each one is a real
-- order (`order_body` and `run_id` are set by bench/run.py).
local n = 0

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/orders/", {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run_id, tid, n),
  }, order_body)
end
