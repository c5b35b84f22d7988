-- The add-to-cart form, posted by many shoppers (`sessions`: cookie and CSRF token each) with
-- products drawn from `product_ids`; every answer is a redirect.
local n = 0

function init_scenario(args)
  math.randomseed(os.time() * 100 + tid)
  n = tid
end

function request()
  n = n + 1
  local shopper = sessions[(n % #sessions) + 1]
  local body = "csrfmiddlewaretoken=" .. shopper.token .. "&quantity=1&stay=1&product_id=" ..
    product_ids[math.random(1, #product_ids)]
  return wrk.format("POST", "/cart/add/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = shopper.cookie,
    ["Referer"] = "http://127.0.0.1/products/",
  }, body)
end
