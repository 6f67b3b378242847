-- wrk script for bench/beacon.py: each thread sends exactly `quota` view beacons, each
-- from a distinct simulated reader (its own X-Forwarded-For address), then only cheap
-- non-counting requests until all its beacons are answered, and stops. So exactly
-- threads * quota beacons reach the server, and a second run with the same arguments
-- repeats the same readers.  Arguments: quota, beacon path, first reader number.
local threads = {}
local next_id = 0
local agent = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 " ..
  "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  quota = tonumber(args[1])
  path = args[2]
  first = tonumber(args[3] or "0")
  sent, answered, counted, repeated, refused = 0, 0, 0, 0, 0
  -- wrk calls request() once on the first thread's script to check it, and sends nothing:
  -- that call must not use up a reader.
  checking = (id == 0)
end

local function address(n)
  return string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local function filler()
  return wrk.format("POST", path, { ["User-Agent"] = agent, ["Sec-Purpose"] = "prefetch" })
end

function request()
  if checking then
    checking = false
    return filler()
  end
  if sent < quota then
    sent = sent + 1
    local reader = first + id * quota + sent
    return wrk.format("POST", path, { ["X-Forwarded-For"] = address(reader), ["User-Agent"] = agent })
  end
  -- Filler while the last beacons are answered: a prefetch, answered 204 and never counted.
  return filler()
end

function response(status, headers, body)
  if status == 204 then return end
  answered = answered + 1
  if status == 200 and string.find(body, '"counted": true', 1, true) then
    counted = counted + 1
  elseif status == 200 then
    repeated = repeated + 1
  else
    refused = refused + 1
  end
  -- Quota 0 is the warm-up: fillers only, for wrk's whole duration.
  -- wrk itself runs for its whole -d: tell bench/beacon.py, which interrupts it (wrk then
  -- reports the time actually taken).
  if quota > 0 and answered == quota then
    io.write("QUOTA-DONE\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local c, r, x, a = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("counted"); r = r + t:get("repeated"); x = x + t:get("refused")
    a = a + t:get("answered")
  end
  local e = summary.errors
  io.write(string.format(
    "BEACON requests=%d seconds=%.3f errors=%d p50_ms=%.3f p99_ms=%.3f answered=%d counted=%d repeated=%d refused=%d\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, a, c, r, x))
end
