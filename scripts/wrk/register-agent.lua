-- wrk: registerAgent (POST /api/agent/register) with a new email on every request, so that each one is a real
-- registration: the agent, its USDT wallet with a derived address, its key, its verification code and mail.
-- BENCH_RUN makes the emails of one run differ from every other run's.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local prefix
function init(args)
  prefix = "wrk-" .. (os.getenv("BENCH_RUN") or tostring(os.time())) .. "-" .. tid
end

function request()
  counter = counter + 1
  local body = '{"name":"Bench Agent","email":"' .. prefix .. "-" .. counter .. '@bench.example",'
    .. '"description":"Registered by scripts/bench agents","skills":["translation"],"currency":"USDT"}'
  return wrk.format("POST", "/api/agent/register", { ["Content-Type"] = "application/json" }, body)
end
