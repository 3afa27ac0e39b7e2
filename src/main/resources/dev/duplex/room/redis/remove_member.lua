-- Unlists a member, counts the room without it and, while the room is small, tells the others.
-- KEYS[1] members, KEYS[2] channel
-- ARGV[1] member id, ARGV[2] announce up to this count, ARGV[3] the leave's channel frame,
-- ARGV[4] '1' to tell of a member Redis no longer lists (it left while Redis was away)
-- Returns the room's size without the member, or -1 if it was not listed and not told.
local removed = redis.call('HDEL', KEYS[1], ARGV[1]) == 1
if not removed and ARGV[4] ~= '1' then return -1 end
local count = redis.call('HLEN', KEYS[1])
if count <= tonumber(ARGV[2]) then
    redis.call('PUBLISH', KEYS[2], ARGV[3])
end
return count
