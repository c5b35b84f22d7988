-- A GET of one path, with the headers bench/run.py puts in `headers_extra` (a shopper's cookie).
function request()
  return wrk.format("GET", path_wanted, headers_extra)
end
