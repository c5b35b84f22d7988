-- The cold path: a random page of the list under a random sort, so most requests miss the cache.
local sorts = {"newest", "price_asc", "price_desc", "name"}

function init_scenario(args)
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local page = math.random(1, last_page)
  local sort = sorts[math.random(1, #sorts)]
  return wrk.format("GET", "/products/?sort=" .. sort .. "&page=" .. page)
end
