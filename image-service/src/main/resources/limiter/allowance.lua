-- What the provider reported of an account's request budget, shared by every instance.
-- KEYS[1] allowance hash {remaining}; ARGV[1] remaining requests; ARGV[2] ms until the budget resets
-- The hash expires at the reset: after it the configured token bucket governs until the next report.
redis.call('HSET', KEYS[1], 'remaining', ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[2])))
return 1
