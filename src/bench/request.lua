-- wrk script used by rest-bench.sh for every test.
--   BENCH_BODY  : if set, the request is a POST with this JSON body (else a GET of the URL as given).
--   BENCH_DIAG=1: also count the answers by HTTP status and keep the first non-2xx answer of each
--                 thread, printed at the end (only for the short diagnosis run rest-bench.sh makes
--                 after a run with errors: a response() callback costs throughput).
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

if os.getenv("BENCH_DIAG") == "1" then
  local threads = {}

  function setup(thread)
    table.insert(threads, thread)
  end

  function init(args)
    statuses = {}
    first_error = nil
  end

  function response(status, headers, resp_body)
    statuses[status] = (statuses[status] or 0) + 1
    if (status < 200 or status > 299) and first_error == nil then
      first_error = status .. " " .. string.sub(resp_body or "", 1, 300)
    end
  end

  function done(summary, latency, requests)
    local total = {}
    for _, t in ipairs(threads) do
      local s = t:get("statuses")
      for k, v in pairs(s or {}) do total[k] = (total[k] or 0) + v end
      local e = t:get("first_error")
      if e ~= nil then io.write("DIAG first non-2xx answer: " .. e .. "\n") end
    end
    for k, v in pairs(total) do io.write("DIAG status " .. k .. ": " .. v .. "\n") end
  end
end
