-- Lists a member, counts the room with it and, while the room is small, tells the others, in one
-- step: the notice takes its place among the room's messages, in the order of the counts. The
-- node is listed for the room at once too, so a node that dies right after leaves no member that
-- the lease round would not find.
-- KEYS[1] members (hash: id -> {"id","name","node"}), KEYS[2] channel, KEYS[3] nodes (set)
-- ARGV[1] member id, ARGV[2] member JSON, ARGV[3] announce up to this count, ARGV[4] the join's
-- channel frame, ARGV[5] node
-- Returns the room's size with the member.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[5])
local count = redis.call('HLEN', KEYS[1])
if count <= tonumber(ARGV[3]) then
    redis.call('PUBLISH', KEYS[2], ARGV[4])
end
return count
