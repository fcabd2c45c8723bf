-- wrk script for the vote benchmark (run.sh): the same votes as VoteLoad's, from a load generator in C, so that the
-- service is measured with a client as cheap as the floor's pgbench. Vote n is voter n's (round robin over the
-- tokens VoteLoad signed), for entry (n * 7919 + voter) mod entries, from an address of the voter's own.
-- Arguments (after --): battle entries tokens-file threads [rate]
-- With a rate (votes/s in all), each thread sends its share on a fixed schedule: a free connection takes the next
-- slot and waits for it; a slot that finds no connection free is sent late, and that lateness is reported beside the
-- latencies (which wrk counts from sending), so a schedule that was not kept shows.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } vote_timespec;
  int clock_gettime(int clock, vote_timespec *now);
]]
local clock = ffi.new("vote_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local counter = 0
local threads_of_run = {}

function setup(thread)
  thread:set("first", counter)
  counter = counter + 1
  threads_of_run[#threads_of_run + 1] = thread
end

function init(args)
  battle, entries, threads = args[1], tonumber(args[2]), tonumber(args[4])
  tokens = {}
  for line in io.lines(args[3]) do
    tokens[#tokens + 1] = line
  end
  n = first
  path = "/api/battles/" .. battle .. "/vote"
  if args[5] then
    slot_ms = threads * 1000 / tonumber(args[5])
    slot = 0
    late = {}
  end
end

function delay()
  if not slot_ms then
    return 0
  end
  start = start or now_ms()
  local due = start + slot * slot_ms
  slot = slot + 1
  local wait = due - now_ms()
  if wait < 0 then
    late[#late + 1] = -wait
    return 0
  end
  return math.floor(wait)
end

function request()
  local voter = n % #tokens
  local entry = (n * 7919 + voter) % entries
  n = n + threads
  local address = string.format("10.%d.%d.%d", math.floor(voter / 65536) % 256, math.floor(voter / 256) % 256, voter % 256)
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. tokens[voter + 1],
    ["Content-Type"] = "application/json",
    ["X-Real-IP"] = address, -- as the gateway sets it
  }, '{"entryId":"bench-entry-' .. entry .. '"}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local lateness = {}
  for _, thread in ipairs(threads_of_run) do
    for _, ms in ipairs(thread:get("late") or {}) do
      lateness[#lateness + 1] = ms
    end
  end
  local schedule = ""
  if threads_of_run[1]:get("slot_ms") then
    table.sort(lateness)
    local function at(p)
      local i = math.floor(summary.requests * p) - (summary.requests - #lateness)
      return i >= 1 and lateness[i] or 0
    end
    schedule = string.format("; sent late: %d, lateness p99 %.1f ms, max %.1f ms", #lateness, at(0.99),
      lateness[#lateness] or 0)
  end
  io.write(string.format(
    "wrk-%s: %d requests in %.1f s = %.0f/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms; not 2xx or failed: %d%s\n",
    schedule == "" and "saturate" or "fixed", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed, schedule))
end
