-- Token bucket of one provider account, shared by every image-service instance.
-- KEYS[1] bucket hash {tokens, ts}; KEYS[2] pause key (set after a 429, expires at Retry-After)
-- KEYS[3] the allowance the provider reported (x-ratelimit-remaining/reset-requests), expires at
-- its reset: while it exists it governs, so the account's real budget is spent fully and no more
-- ARGV[1] images per minute; ARGV[2] burst (capacity)
-- Returns {granted (1/0), wait ms before asking again}. Time is Redis's own clock, so instances
-- with skewed clocks still share one bucket correctly.
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then
    return {0, paused}
end
local left = redis.call('HGET', KEYS[3], 'remaining')
if left then
    if tonumber(left) >= 1 then
        redis.call('HINCRBY', KEYS[3], 'remaining', -1)
        return {1, 0}
    end
    return {0, math.max(1, redis.call('PTTL', KEYS[3]))}
end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
    tokens = burst
    ts = now
end
if now > ts then
    tokens = math.min(burst, tokens + (now - ts) * rate / 60000)
    ts = now
end
local ttl = math.ceil(burst * 60000 / rate) + 60000
if tokens >= 1 then
    tokens = tokens - 1
    redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
    redis.call('PEXPIRE', KEYS[1], ttl)
    return {1, 0}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], ttl)
return {0, math.max(1, math.ceil((1 - tokens) * 60000 / rate))}
