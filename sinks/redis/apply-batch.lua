-- Applies one processed batch of one partition atomically, with its fence.
-- KEYS[1]  fence hash (fields: epoch, offset, max_event_time_ms)
-- KEYS[2]  dedup index (sorted set of bucket hours)
-- KEYS[3]  known regions, KEYS[4] known skills, KEYS[5] known hours
-- KEYS[6]  taxonomy log (list of "version@first offset" for each version switch of the partition)
-- KEYS[7…] trend, skills-index and dedup-bucket keys referenced by position from ARGV[5]
-- ARGV[1] owner epoch, ARGV[2] fence offset the caller expects, ARGV[3] new fence offset,
-- ARGV[4] new max event time (ms), ARGV[6] taxonomy version, ARGV[7] first offset of the batch,
-- ARGV[8] TTL (ms) of trend and index keys, ARGV[5] JSON, each part already aggregated by the
-- caller so every Redis call here is one the batch needs:
--   c: [[trendKey#, regionIndexKey#, skill, delta], …]   one per (skill, region, hour)
--   a: [[allRegionsIndexKey#, skill, delta], …]           one per (skill, hour)
--   x: [indexKey#, …]                                      index keys touched (TTL refreshed)
--   h: [hourMs, hourLabel, …]                              hours present
--   r: [region, …], s: [skill, …]                          regions and skills present
--   d: [[bucketKey#, hourMs, id, offset, id, offset, …], …]   (no TTL: evicted by the watermark)
--   e: [[bucketKey#, hourMs], …]                           evicted buckets
-- Returns {status, epoch, offset, newCount…} (new counts in the order of c); status OK, ALREADY
-- (this batch was applied before), STALE_EPOCH (another owner claimed the partition) or
-- STALE_OFFSET (the fence moved).
local fence = redis.call('HMGET', KEYS[1], 'epoch', 'offset')
local epoch = fence[1] or '0'
local offset = fence[2] or '-1'
if epoch ~= ARGV[1] then return {'STALE_EPOCH', epoch, offset} end
if offset == ARGV[3] then return {'ALREADY', epoch, offset} end
if offset ~= ARGV[2] then return {'STALE_OFFSET', epoch, offset} end

-- Lua's unpack has a stack limit of a few thousand values: variadic calls go in chunks.
local function inChunks(command, key, values, first, step)
  local i = first
  while i <= #values do
    local last = math.min(#values, i + step - 1)
    redis.call(command, key, unpack(values, i, last))
    i = last + 1
  end
end

local ops = cjson.decode(ARGV[5])
local ttl = ARGV[8]
local result = {'OK', epoch, ARGV[3]}
for _, c in ipairs(ops.c) do
  local trend = KEYS[c[1]]
  result[#result + 1] = redis.call('INCRBY', trend, c[4])
  redis.call('PEXPIRE', trend, ttl)
  redis.call('ZINCRBY', KEYS[c[2]], c[4], c[3])
end
for _, a in ipairs(ops.a) do redis.call('ZINCRBY', KEYS[a[1]], a[3], a[2]) end
for _, keyIndex in ipairs(ops.x) do redis.call('PEXPIRE', KEYS[keyIndex], ttl) end
-- Hours as score/member pairs: ZADD takes them in that order.
inChunks('ZADD', KEYS[5], ops.h, 1, 2000)
inChunks('SADD', KEYS[3], ops.r, 1, 2000)
inChunks('SADD', KEYS[4], ops.s, 1, 2000)
for _, d in ipairs(ops.d) do
  inChunks('HSET', KEYS[d[1]], d, 3, 2000)
  redis.call('ZADD', KEYS[2], d[2], d[2])
end
for _, e in ipairs(ops.e) do
  redis.call('DEL', KEYS[e[1]])
  redis.call('ZREM', KEYS[2], e[2])
end
if redis.call('HGET', KEYS[1], 'taxonomy_version') ~= ARGV[6] then
  redis.call('RPUSH', KEYS[6], ARGV[6] .. '@' .. ARGV[7])
end
redis.call('HSET', KEYS[1], 'offset', ARGV[3], 'max_event_time_ms', ARGV[4], 'taxonomy_version', ARGV[6])
return result
