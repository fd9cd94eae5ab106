-- Pauses a provider account for every instance until Retry-After: keeps the later of the
-- current pause and the new one. KEYS[1] pause key; ARGV[1] pause in ms.
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then
    redis.call('SET', KEYS[1], '1', 'PX', ms)
end
return 1
