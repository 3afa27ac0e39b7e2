-- Appends a room message to its stream and publishes it on the room's channel, once.
-- KEYS[1] stream, KEYS[2] channel, KEYS[3] sent (sorted set: node:sequence of the room's recent
-- messages, scored by their stream time), KEYS[4] (only for a message with a client_id) the
-- sender's client_id: the stream id its first message got
-- ARGV[1] stream length kept, ARGV[2] message JSON, ARGV[3] keys' expiry in ms, ARGV[4] node,
-- ARGV[5] sequence, ARGV[6] how many node:sequence pairs to remember, ARGV[7] how long a client_id
-- is remembered, in seconds
-- Returns the stream id; '=' and the first message's stream id for a client_id its sender used
-- already (nothing appended, nothing published); or false for a message already in (sent again
-- after a doubt). A message is known by its own node:sequence, not by the highest one seen: one
-- that reaches Redis after a later one of its node's (its first try failed, the later one did
-- not) still enters. The client_id is looked at first, so a message sent again after a doubt
-- still learns its id.
if KEYS[4] then
    local first = redis.call('GET', KEYS[4])
    if first then return '=' .. first end
end
local origin = ARGV[4] .. ':' .. ARGV[5]
if redis.call('ZSCORE', KEYS[3], origin) then return false end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2], 'o', origin)
redis.call('ZADD', KEYS[3], tonumber(string.match(id, '^%d+')), origin)
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[6]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
if KEYS[4] then
    redis.call('SET', KEYS[4], id, 'NX', 'EX', ARGV[7])
end
-- The channel frame, as ChannelFrame reads it: id, origin and JSON on lines of their own.
redis.call('PUBLISH', KEYS[2], id .. '\n' .. origin .. '\n' .. ARGV[2])
return id
