-- wrk script for `make faults`: cycles through the paths given after `--`, sends the drill
-- mentor's session cookie on paths marked "S:" (signed in) and none on "A:" (anonymous), and
-- counts the answers by status code, across all threads, for deploy/faults.py to read.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for _, arg in ipairs(args) do table.insert(paths, arg) end
  index = 0
  statuses = {}
  cookie = os.getenv("FAULTS_COOKIE") or ""
end

function request()
  index = index % #paths + 1
  local kind, path = paths[index]:sub(1, 1), paths[index]:sub(3)
  local headers = {}
  if kind == "S" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("FAULTS status %d %d\n", status, count))
  end
  local e = summary.errors
  io.write(string.format("FAULTS requests %d\n", summary.requests))
  io.write(string.format("FAULTS socket %d %d %d %d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("FAULTS p99_ms %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("FAULTS max_ms %.1f\n", latency.max / 1000))
end
