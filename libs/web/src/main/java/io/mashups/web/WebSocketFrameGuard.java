package io.mashups.web;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Closes a WebSocket with the code RFC 6455 gives its fault instead of resetting it: 1007 for a text message
 * that is not UTF-8 (Vert.x would decode it with replacement characters and hand on a message the client never sent), 1009 for a frame over the frame limit (Vert.x drops the connection without a close frame). It sits in the
 * connection's pipeline in front of Vert.x's handler, behind the WebSocket decoder (which takes the HTTP codec's place
 * at the upgrade), so it sees the decoder's frames and failures; Netty's validator follows fragmented messages too.
 */
public final class WebSocketFrameGuard extends Utf8FrameValidator {
    private static final String NAME = "mashups-websocket-frame-guard";
    private boolean closing;

    private WebSocketFrameGuard() {
        super(false); // the close frame is written below, once, for either fault
    }

    /** Before the upgrade of this request's connection. */
    public static void install(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            ChannelHandlerContext vertx = connection.channelHandlerContext();
            if (vertx.pipeline().get(NAME) == null) {
                vertx.pipeline().addBefore(vertx.name(), NAME, new WebSocketFrameGuard());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            if (!closing && ctx.channel().isOpen()) {
                closing = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(corrupt.closeStatus()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
