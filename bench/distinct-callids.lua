-- wrk script: POSTs a body in which every occurrence of a CallID is replaced by a 32-digit hex number
-- of its own per request (the thread's number, then a counter), so that each request is a distinct
-- delivery, as the vendor sends them; prints the summary as one JSON line at the end.
-- Usage: wrk -s distinct-callids.lua <url> -- <body-file> <call-id>

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local parts = {}
local counter = 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local body = file:read("*a")
  file:close()
  -- The body split around the CallID once, so that a request only joins strings.
  local from = 1
  while true do
    local s, e = string.find(body, args[2], from, true)
    if not s then break end
    table.insert(parts, string.sub(body, from, s - 1))
    from = e + 1
  end
  table.insert(parts, string.sub(body, from))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local id = string.format("%08x%024x", thread_number, counter)
  return wrk.format(nil, nil, nil, table.concat(parts, id))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50":%.3f,"p99":%.3f,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
