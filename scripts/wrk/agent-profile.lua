-- wrk: getPublicAgentProfile (GET /api/agent/agents/{id}) of a random active seeded agent. AgentDirectorySeed
-- (Sources/Bench) makes every tenth agent pending, the one with (id - first + 1) % 10 = 0; BENCH_AGENT_FIRST and
-- BENCH_AGENT_LAST give the seeded ids.
local first = tonumber(os.getenv("BENCH_AGENT_FIRST"))
local last = tonumber(os.getenv("BENCH_AGENT_LAST"))

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + tid)
end

function request()
  local id
  repeat id = math.random(first, last) until (id - first + 1) % 10 ~= 0
  return wrk.format("GET", "/api/agent/agents/" .. id)
end
