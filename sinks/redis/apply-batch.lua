-- Applies one processed batch of one partition atomically, with its fence.
-- KEYS[1]  fence hash (fields: epoch, offset, max_event_time_ms)
-- KEYS[2]  dedup index (sorted set of bucket hours)
-- KEYS[3]  known regions, KEYS[4] known skills, KEYS[5] known hours
-- KEYS[6]  taxonomy log (list of "version@first offset" for each version switch of the partition)
-- KEYS[7…] trend, skills-index and dedup-bucket keys referenced by position from ARGV[5]
-- ARGV[1] owner epoch, ARGV[2] fence offset the caller expects, ARGV[3] new fence offset,
-- ARGV[4] new max event time (ms), ARGV[6] taxonomy version, ARGV[7] first offset of the batch,
-- ARGV[5] JSON:
--   c: [[trendKey#, regionIdx#, allIdx#, skill, region, delta, ttlMs, hourLabel, hourMs], …]
--   d: [[bucketKey#, hourMs, id, offset, id, offset, …], …]   (no TTL: evicted by the watermark)
--   e: [[bucketKey#, hourMs], …]        evicted buckets
-- Returns {status, epoch, offset, newCount…}; status OK, ALREADY (this batch was applied before),
-- STALE_EPOCH (another owner claimed the partition) or STALE_OFFSET (the fence moved).
local fence = redis.call('HMGET', KEYS[1], 'epoch', 'offset')
local epoch = fence[1] or '0'
local offset = fence[2] or '-1'
if epoch ~= ARGV[1] then return {'STALE_EPOCH', epoch, offset} end
if offset == ARGV[3] then return {'ALREADY', epoch, offset} end
if offset ~= ARGV[2] then return {'STALE_OFFSET', epoch, offset} end

local ops = cjson.decode(ARGV[5])
local result = {'OK', epoch, ARGV[3]}
local indexExpiry = {}
for _, c in ipairs(ops.c) do
  local trend = KEYS[c[1]]
  result[#result + 1] = redis.call('INCRBY', trend, c[6])
  redis.call('PEXPIRE', trend, c[7])
  redis.call('ZINCRBY', KEYS[c[2]], c[6], c[4])
  redis.call('ZINCRBY', KEYS[c[3]], c[6], c[4])
  indexExpiry[c[2]] = c[7]
  if indexExpiry[c[3]] == nil then redis.call('ZADD', KEYS[5], c[9], c[8]) end
  indexExpiry[c[3]] = c[7]
  redis.call('SADD', KEYS[3], c[5])
  redis.call('SADD', KEYS[4], c[4])
end
for keyIndex, ttl in pairs(indexExpiry) do redis.call('PEXPIRE', KEYS[keyIndex], ttl) end
for _, d in ipairs(ops.d) do
  local bucket = KEYS[d[1]]
  -- HSET in chunks: Lua's unpack has a stack limit of a few thousand values.
  local i = 3
  while i <= #d do
    local args = {}
    local last = math.min(#d, i + 1999)
    for j = i, last do args[#args + 1] = d[j] end
    redis.call('HSET', bucket, unpack(args))
    i = last + 1
  end
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
