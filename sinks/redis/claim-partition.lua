-- Takes ownership of a partition: bumps the owner epoch so that any earlier owner's next write is
-- refused, and returns the fence the new owner resumes from.
-- KEYS[1] fence hash. Returns {epoch, offset (-1 when none), max_event_time_ms ('' when none)}.
local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
local fence = redis.call('HMGET', KEYS[1], 'offset', 'max_event_time_ms')
return {tostring(epoch), fence[1] or '-1', fence[2] or ''}
