package io.mashups.studio.room;

import io.mashups.studio.project.JoinTokens;
import io.mashups.web.WebSocketFrameGuard;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets a WebSocket upgrade through only with a valid join token for this very project (query parameter
 * {@code token}, since browsers cannot set headers on WebSockets) from someone who is still a member: 401 for a
 * missing, bad or expired token, 403 for another project's token or a former member, 400 for a bad {@code since} or {@code epoch}.
 */
@ApplicationScoped
public class JoinCheck implements HttpUpgradeCheck {
    static final UserData.TypedKey<String> USER = UserData.TypedKey.forString("studio.user");
    static final UserData.TypedKey<String> ROLE = UserData.TypedKey.forString("studio.role");
    static final UserData.TypedKey<Long> SINCE = UserData.TypedKey.forLong("studio.since");
    static final UserData.TypedKey<Long> EPOCH = UserData.TypedKey.forLong("studio.epoch");
    /** The connection's Netty channel, which carries the socket after the upgrade: see {@link Participant}. */
    static final UserData.TypedKey<Channel> CHANNEL = new UserData.TypedKey<>("studio.channel");

    private final JoinTokens tokens;
    private final RoomStore store;

    public JoinCheck(JoinTokens tokens, RoomStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String projectId = context.pathParam("projectId");
        JoinTokens.Verified verified = tokens.verify(context.httpRequest().getParam("token"), projectId);
        if (!verified.ok()) {
            return CheckResult.rejectUpgrade(verified.status());
        }
        long since;
        long epoch;
        try {
            since = longParam(context, "since", Room.UNKNOWN);
            epoch = longParam(context, "epoch", Room.FIRST_EPOCH);
        } catch (NumberFormatException e) {
            return CheckResult.rejectUpgrade(400);
        }
        return store.role(projectId, verified.userId()).chain(role -> {
            if (role == null) {
                return CheckResult.rejectUpgrade(403);
            }
            context.userData().put(USER, verified.userId());
            context.userData().put(ROLE, role);
            context.userData().put(SINCE, since);
            context.userData().put(EPOCH, epoch);
            if (context.httpRequest().connection() instanceof ConnectionBase connection) {
                context.userData().put(CHANNEL, connection.channel());
            }
            WebSocketFrameGuard.install(context.httpRequest());
            return CheckResult.permitUpgrade();
        });
    }

    private static long longParam(HttpUpgradeContext context, String name, long absent) {
        String given = context.httpRequest().getParam(name);
        return given == null || given.isEmpty() ? absent : Long.parseLong(given);
    }
}
