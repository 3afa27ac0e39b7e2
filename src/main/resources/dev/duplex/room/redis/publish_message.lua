-- Appends a room message to its stream and publishes it on the room's channel, once.
-- KEYS[1] stream, KEYS[2] channel, KEYS[3] origins (hash: node -> its highest sequence in the stream)
-- ARGV[1] stream length kept, ARGV[2] message JSON, ARGV[3] keys' expiry in ms, ARGV[4] node, ARGV[5] sequence
-- Returns the stream id, or false for a message already in (sent again after a doubt).
local last = tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0')
if tonumber(ARGV[5]) <= last then return false end
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
local origin = ARGV[4] .. ':' .. ARGV[5]
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2], 'o', origin)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
-- The channel frame, as ChannelFrame reads it: id, origin and JSON on lines of their own.
redis.call('PUBLISH', KEYS[2], id .. '\n' .. origin .. '\n' .. ARGV[2])
return id
