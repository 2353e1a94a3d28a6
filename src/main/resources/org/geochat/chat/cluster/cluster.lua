-- geochat's writes to a room, each run atomically. ARGV[1] names the command.
-- KEYS[1]: the room's stream (entries 0-N: N is the event id, consecutive per room)
-- KEYS[2]: the room's presence, a sorted set of nick -> expiry (ms, Redis's own clock)
-- KEYS[3]: the publishing node's key: the sequence number of its last event written

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- The value of field `name` in a stream entry's flat field list, or nil.
local function field(fields, name)
  for i = 1, #fields, 2 do
    if fields[i] == name then
      return fields[i + 1]
    end
  end
  return nil
end

-- Appends an event whose id is one above both the newest entry and the highest id its node has seen
-- (the latter keeps ids rising should Redis come back without its data). Every entry carries its stream's
-- epoch: that of the newest entry, or a new one (Redis's clock, to the microsecond) when the stream is new,
-- so a client resuming after an id of a lost stream is told it belongs to another sequence.
local function append(floor, maxlen, fields)
  local top = 0
  local epoch = nil
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if newest[1] then
    top = tonumber(string.match(newest[1][1], '%-(%d+)$'))
    epoch = field(newest[1][2], 'epoch')
  end
  if not epoch then
    local t = redis.call('TIME')
    epoch = string.format('%x%05x', tonumber(t[1]), tonumber(t[2]))
  end
  local id = math.max(top, floor) + 1
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', maxlen, string.format('0-%d', id), 'epoch', epoch, unpack(fields))
  return id
end

-- Members whose node stopped refreshing them leave, each with a leave event.
local function reap(now, maxlen)
  local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
  for _, nick in ipairs(gone) do
    redis.call('ZREM', KEYS[2], nick)
    append(0, maxlen, {'type', 'leave', 'nick', nick, 'ms', string.format('%d', now), 'ref', 'expired'})
  end
end

local command = ARGV[1]

if command == 'publish' then
  -- ARGV: seq, first (the oldest seq its node has not seen confirmed), lastId, maxlen, ttl (ms), then the
  -- entry's fields: type, <type>, nick, <nick>, ...
  -- A node's events are written in their seq order, none skipped: its writer pipelines them, and one that
  -- fails (NOSCRIPT, a lost connection) must not let the next one in before it, or the dedup below would
  -- take it for a repeat once it is sent again. Nothing before 'first' is waited for: the node saw it confirmed.
  local seq = tonumber(ARGV[2])
  local last = math.max(tonumber(redis.call('GET', KEYS[3]) or '0'), tonumber(ARGV[3]) - 1)
  if seq <= last then
    return 0 -- written already: the reply was lost with a connection
  end
  if seq > last + 1 then
    return redis.error_reply('GEOCHAT_ORDER event ' .. seq .. ' waits for ' .. (last + 1))
  end
  redis.call('SET', KEYS[3], ARGV[2], 'EX', 86400)
  local fields = {}
  for i = 7, #ARGV do
    fields[#fields + 1] = ARGV[i]
  end
  local id = append(tonumber(ARGV[4]), ARGV[5], fields)
  if ARGV[8] == 'join' then
    redis.call('ZADD', KEYS[2], now_ms() + tonumber(ARGV[6]), ARGV[10])
  elseif ARGV[8] == 'leave' then
    redis.call('ZREM', KEYS[2], ARGV[10])
  end
  return id
end

if command == 'claim' then
  -- ARGV: ttl (ms), maxlen, nick. 1 if the nick is now this node's, 0 if someone holds it.
  local now = now_ms()
  reap(now, ARGV[3])
  if redis.call('ZSCORE', KEYS[2], ARGV[4]) then
    return 0
  end
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[4])
  return 1
end

if command == 'refresh' then
  -- ARGV: ttl (ms), maxlen, then this node's nicks in the room. Returns everyone present.
  local now = now_ms()
  for i = 4, #ARGV do
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[i])
  end
  reap(now, ARGV[3])
  return redis.call('ZRANGE', KEYS[2], 0, -1)
end

return redis.error_reply('unknown geochat command ' .. tostring(command))
