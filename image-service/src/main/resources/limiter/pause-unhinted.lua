-- A 429 that named no wait (no Retry-After, no x-ratelimit-*): pauses a provider account for
-- every instance, longer each time while 429s repeat (first, 2x, 4x ... up to max); a success
-- forgets the count (DEL of the strikes key). A 429 that comes while the account is already
-- paused (a call that was in flight when the pause began) neither grows nor shortens it.
-- KEYS[1] pause key; KEYS[2] strikes counter
-- ARGV[1] first pause ms; ARGV[2] longest pause ms; ARGV[3] how long the count is kept ms
-- Returns the pause in force, in ms.
local left = redis.call('PTTL', KEYS[1])
if left > 0 then
    return left
end
local strikes = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local ms = math.floor(math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) * 2 ^ math.min(strikes - 1, 30)))
redis.call('SET', KEYS[1], '1', 'PX', ms)
return ms
