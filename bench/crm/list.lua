-- wrk script for bench/crm/run.sh: the list request, its filter value rotating over the four Account types;
-- prints machine-readable results at the end. The key and the path are filled in by run.sh.
local types = {"Customer", "Investor", "Partner", "Reseller"}
local n = 0
wrk.headers["X-Api-Key"] = "@KEY@"
wrk.headers["X-No-Total"] = "true"
wrk.headers["Accept"] = "application/json"

request = function()
  n = n + 1
  return wrk.format("GET", "@LIST@" .. types[(n % 4) + 1])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("list_requests=%d\n", summary.requests))
  io.write(string.format("list_requests_per_s=%.1f\n", summary.requests / seconds))
  io.write(string.format("list_p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("list_p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("list_max_ms=%.2f\n", latency.max / 1000))
  io.write(string.format("list_errors=%d (status %d, timeout %d, connect %d, read %d)\n",
    summary.errors.status + summary.errors.timeout + summary.errors.connect + summary.errors.read,
    summary.errors.status, summary.errors.timeout, summary.errors.connect, summary.errors.read))
end
