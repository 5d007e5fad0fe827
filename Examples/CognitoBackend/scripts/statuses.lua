-- wrk script: sends AUTH (an env variable) as the Authorization header, counts every response
-- status across threads and prints "status <code>: <count>" lines at the end.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses = {}
  local auth = os.getenv("AUTH")
  if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d: %d\n", code, n)) end
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
