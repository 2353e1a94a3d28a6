-- wrk script: every request asks about an address no other request in the run used, so caches never hit.
-- The URL must end where the address goes, e.g. http://localhost:8080/geochat/api/ip/
-- Addresses come from 11.0.0.0-99.255.255.255, a block without private, reserved or documentation ranges.
local span = 89 * 16777216

function setup(thread)
  math.randomseed(os.time() + os.clock() * 1e6)
  thread:set("base", math.random(0, span - 1))
end

local count = 0

function ip()
  count = count + 1
  local n = 11 * 16777216 + (base + count) % span
  return string.format("%d.%d.%d.%d", math.floor(n / 16777216), math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

function request()
  return wrk.format("GET", wrk.path .. ip())
end
