package io.mashups.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A WebSocket client at the frame level, for what a browser's API never sends but a careless or hostile client can:
 * a whole message in one large frame, text that is not UTF-8.
 */
public final class RawWebSocket implements AutoCloseable {
    /** What the connection's end looked like: the close frame's code, or that it was reset without one. */
    public static final int RESET = -1;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code ws://host:port/path?query}; fails unless the server switches protocols. */
    public static RawWebSocket connect(URI uri) throws IOException {
        RawWebSocket client = new RawWebSocket(new Socket(uri.getHost(), uri.getPort()));
        client.socket.setSoTimeout(15_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String status = client.line();
        if (!status.contains(" 101 ")) {
            client.close();
            throw new IOException("upgrade refused: " + status);
        }
        while (!client.line().isEmpty()) {
            // the handshake's headers
        }
        return client;
    }

    /** Sends one final text frame holding exactly these bytes, masked as a client must. */
    public void sendText(byte[] payload) throws IOException {
        sendTextStart(payload.length, payload);
    }

    /**
     * Starts a final text frame that announces {@code length} bytes and sends only {@code start} of them: what a
     * server that judges a frame by its header sees of a huge one, without the race of writing it all.
     */
    public void sendTextStart(long length, byte[] start) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(start.length + 14);
        frame.write(0x81);
        if (length < 126) {
            frame.write(0x80 | (int) length);
        } else if (length < 65_536) {
            frame.write(0x80 | 126);
            frame.write((int) (length >>> 8));
            frame.write((int) (length & 0xff));
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xff);
            }
        }
        byte[] payload = start;
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads text frames until one of their lines (the studio may gather several messages in a frame, one a line)
     * matches; fails if the connection closes first.
     */
    public String awaitLine(Predicate<String> wanted) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == 8) {
                throw new IOException("closed (" + closeCode(frame) + ") before the line came");
            }
            if (frame.opcode() == 1) {
                for (String line : new String(frame.payload(), StandardCharsets.UTF_8).split("\n")) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
        }
    }

    /** Reads until the server closes: its close code, or {@link #RESET} when the connection ends without one. */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == 8) {
                    return closeCode(frame);
                }
            }
        } catch (EOFException | SocketException e) {
            return RESET;
        }
    }

    private static int closeCode(Frame close) {
        byte[] body = close.payload();
        return body.length >= 2 ? ((body[0] & 0xff) << 8) | (body[1] & 0xff) : 1005;
    }

    private Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the server hung up during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private record Frame(int opcode, byte[] payload) {}
}
