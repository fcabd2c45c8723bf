-- wrk script for the vote benchmark (run.sh): the same votes as VoteLoad's, from a load generator in C, so that the
-- service is measured with a client as cheap as the floor's pgbench. Vote n is voter n's (round robin over the
-- tokens VoteLoad signed), for entry (n * 7919 + voter) mod entries, from an address of the voter's own.
-- Arguments (after --): battle entries tokens-file threads
local counter = 0

function setup(thread)
  thread:set("first", counter)
  counter = counter + 1
end

function init(args)
  battle, entries, threads = args[1], tonumber(args[2]), tonumber(args[4])
  tokens = {}
  for line in io.lines(args[3]) do
    tokens[#tokens + 1] = line
  end
  n = first
  path = "/api/battles/" .. battle .. "/vote"
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
  io.write(string.format(
    "wrk-saturate: %d requests in %.1f s = %.0f/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms; not 2xx or failed: %d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, failed))
end
