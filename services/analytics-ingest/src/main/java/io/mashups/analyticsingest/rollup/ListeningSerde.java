package io.mashups.analyticsingest.rollup;

import io.mashups.events.EventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The listening stage's state in a compact binary form: its stores are read and written with each play event, and as
 * JSON that was a third of the rollups' CPU (bench/run.sh with a profiler). Each value leads with a version byte; a
 * tally also reads the JSON an older release stored (which starts with <code>{</code>).
 */
final class ListeningSerde {
    private static final byte VERSION = 1;

    private ListeningSerde() {}

    /** One play event of a session. */
    static Serde<Sample> samples() {
        return serde(ListeningSerde::write, ListeningSerde::readSample);
    }

    /** A session's summary. */
    static Serde<Listening> sessions() {
        return serde(ListeningSerde::write, ListeningSerde::readSession);
    }

    /** A session as the listener-days last counted it, or none. */
    static Serde<Counted> counted() {
        return serde(ListeningSerde::write, bytes -> read(ListeningSerde::readCounted, bytes));
    }

    /** Listener-days and mashup-days while the topology works on them (the rollup topic carries JSON). */
    static Serde<Tally> tallies() {
        return serde(
                ListeningSerde::write,
                bytes -> bytes.length > 0 && bytes[0] == '{' ? EventJson.read(bytes, Tally.class) : readTally(bytes));
    }

    private interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> Serde<T> serde(Writer<T> writer, Function<byte[], T> reader) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : bytes(writer, value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : reader.apply(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] bytes(Writer<T> writer, T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(Reader<T> reader, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("listening state of unknown format " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Sample sample) {
        return bytes(ListeningSerde::write, sample);
    }

    static Sample readSample(byte[] bytes) {
        return read(ListeningSerde::readSample, bytes);
    }

    static byte[] write(Listening session) {
        return bytes(ListeningSerde::write, session);
    }

    static Listening readSession(byte[] bytes) {
        return read(ListeningSerde::readSession, bytes);
    }

    static byte[] write(Tally tally) {
        return bytes(ListeningSerde::write, tally);
    }

    static Tally readTally(byte[] bytes) {
        return read(ListeningSerde::readTally, bytes);
    }

    private static void write(DataOutputStream out, Sample sample) throws IOException {
        out.writeLong(sample.at());
        out.writeUTF(sample.id());
        writeOptional(out, sample.positionMs());
        writeOptional(out, sample.lengthMs());
        out.writeBoolean(sample.end());
        writeOptional(out, sample.source());
        writeOptional(out, sample.country());
    }

    private static Sample readSample(DataInputStream in) throws IOException {
        return new Sample(
                in.readLong(),
                in.readUTF(),
                readOptionalLong(in),
                readOptionalLong(in),
                in.readBoolean(),
                readOptionalString(in),
                readOptionalString(in));
    }

    private static void write(DataOutputStream out, Listening session) throws IOException {
        out.writeLong(session.firstAt());
        writeOptional(out, session.source());
        writeOptional(out, session.country());
        out.writeLong(session.lastAt());
        out.writeUTF(session.lastId());
        writeOptional(out, session.lastPositionMs());
        out.writeBoolean(session.lastEnd());
        out.writeLong(session.listenedMs());
        out.writeLong(session.reachedMs());
        writeOptional(out, session.lengthMs());
    }

    private static Listening readSession(DataInputStream in) throws IOException {
        return new Listening(
                in.readLong(),
                readOptionalString(in),
                readOptionalString(in),
                in.readLong(),
                in.readUTF(),
                readOptionalLong(in),
                in.readBoolean(),
                in.readLong(),
                in.readLong(),
                readOptionalLong(in));
    }

    private static void write(DataOutputStream out, Counted counted) throws IOException {
        out.writeBoolean(counted.session() != null);
        if (counted.session() != null) {
            write(out, counted.session());
        }
    }

    private static Counted readCounted(DataInputStream in) throws IOException {
        return new Counted(in.readBoolean() ? readSession(in) : null);
    }

    private static void write(DataOutputStream out, Tally tally) throws IOException {
        out.writeLong(tally.sessions());
        out.writeLong(tally.plays());
        out.writeLong(tally.listeners());
        out.writeLong(tally.listenedMs());
        out.writeLong(tally.lengthMs());
        out.writeLong(tally.lengthSessions());
        out.writeInt(tally.points().size());
        for (long point : tally.points()) {
            out.writeLong(point);
        }
        out.writeInt(tally.minutes().size());
        for (Map.Entry<Long, Long> minute : tally.minutes().entrySet()) {
            out.writeLong(minute.getKey());
            out.writeLong(minute.getValue());
        }
        writeCounts(out, tally.sources());
        writeCounts(out, tally.countries());
    }

    private static Tally readTally(DataInputStream in) throws IOException {
        long sessions = in.readLong();
        long plays = in.readLong();
        long listeners = in.readLong();
        long listenedMs = in.readLong();
        long lengthMs = in.readLong();
        long lengthSessions = in.readLong();
        int pointCount = in.readInt();
        List<Long> points = new ArrayList<>(pointCount);
        for (int k = 0; k < pointCount; k++) {
            points.add(in.readLong());
        }
        int minuteCount = in.readInt();
        Map<Long, Long> minutes = new HashMap<>();
        for (int k = 0; k < minuteCount; k++) {
            minutes.put(in.readLong(), in.readLong());
        }
        return new Tally(
                sessions,
                plays,
                listeners,
                listenedMs,
                lengthMs,
                lengthSessions,
                List.copyOf(points),
                Map.copyOf(minutes),
                readCounts(in),
                readCounts(in));
    }

    private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            out.writeUTF(count.getKey());
            out.writeLong(count.getValue());
        }
    }

    private static Map<String, Long> readCounts(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, Long> counts = new HashMap<>();
        for (int k = 0; k < size; k++) {
            counts.put(in.readUTF(), in.readLong());
        }
        return Map.copyOf(counts);
    }

    private static void writeOptional(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static void writeOptional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static Long readOptionalLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static String readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
