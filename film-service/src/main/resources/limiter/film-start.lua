-- Whether a film worker may start one provider task for one provider account, for every worker
-- at once. KEYS[1] zset of running tasks (member: clip key, score: the slot's expiry in ms);
-- KEYS[2] zset of request times of the last minute (sliding window log).
-- ARGV[1] clip key; ARGV[2] concurrent tasks; ARGV[3] requests per minute; ARGV[4] slot lease ms;
-- ARGV[5] wait ms when every slot is taken (a slot frees when a task ends, which no one can predict:
-- the slot's score is its lease, minutes away, not its end, so waiting for it wasted up to 30 s).
-- Returns {granted (1/0), wait ms before asking again}. Redis's own clock: workers with skewed
-- clocks still share one account correctly. A slot whose holder vanished expires with its lease.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local clip = ARGV[1]
local slots = tonumber(ARGV[2])
local rpm = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
local holding = redis.call('ZSCORE', KEYS[1], clip)
if not holding and redis.call('ZCARD', KEYS[1]) >= slots then
    return {0, tonumber(ARGV[5])}
end
if redis.call('ZCARD', KEYS[2]) >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return {0, math.max(1, tonumber(oldest[2]) + 60000 - now)}
end
redis.call('ZADD', KEYS[1], now + lease, clip)
redis.call('ZADD', KEYS[2], now, clip .. ':' .. now .. ':' .. math.random(1000000))
redis.call('PEXPIRE', KEYS[1], lease + 60000)
redis.call('PEXPIRE', KEYS[2], 120000)
return {1, 0}
