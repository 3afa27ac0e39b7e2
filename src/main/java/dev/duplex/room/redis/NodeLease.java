package dev.duplex.room.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Which nodes live: each node holds a lease in Redis and renews it well before it runs out. The
 * members of a node whose lease ran out are removed from its rooms by the others (see
 * {@link LeaseRound}), at most {@link #LEASE} + {@link #RENEW_EVERY} after it died.
 */
final class NodeLease {

    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);

    private final RedisLink link;
    private final String node;

    NodeLease(RedisLink link, String node) {
        this.link = link;
        this.node = node;
    }

    String node() {
        return node;
    }

    /**
     * Renews this node's lease: true if it was still held. False means it had run out, and the other
     * nodes may have removed this node's members: every room must list them again.
     */
    CompletionStage<Boolean> renew() {
        return link.toWorker(link.commands().setGet(key(node), "alive", SetArgs.Builder.px(LEASE.toMillis())))
                .thenApply(previous -> previous != null);
    }

    /** Of these nodes, the ones whose lease is held (this node always). */
    CompletionStage<Set<String>> alive(Collection<String> nodes) {
        List<String> others = nodes.stream().filter(other -> !other.equals(node)).distinct().toList();
        if (others.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of(node));
        }
        String[] keys = others.stream().map(NodeLease::key).toArray(String[]::new);
        return link.toWorker(link.commands().mget(keys)).thenApply(leases -> {
            Set<String> alive = new HashSet<>(List.of(node));
            for (int i = 0; i < leases.size(); i++) {
                KeyValue<String, String> lease = leases.get(i);
                if (lease.hasValue()) {
                    alive.add(others.get(i));
                }
            }
            return alive;
        });
    }

    /** On stop: the other nodes need not wait for the lease to run out. */
    void drop(Duration wait) {
        try {
            link.commands().del(key(node)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // it runs out by itself
        }
    }

    static String key(String node) {
        return "duplex:node:" + node;
    }
}
