-- Lists a member, counts the room with it and, while the room is small, tells the others, in one
-- step: the notice takes its place among the room's messages, in the order of the counts.
-- KEYS[1] members (hash: id -> {"id","name","node"}), KEYS[2] channel
-- ARGV[1] member id, ARGV[2] member JSON, ARGV[3] announce up to this count, ARGV[4] the join's channel frame
-- Returns the room's size with the member.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local count = redis.call('HLEN', KEYS[1])
if count <= tonumber(ARGV[3]) then
    redis.call('PUBLISH', KEYS[2], ARGV[4])
end
return count
