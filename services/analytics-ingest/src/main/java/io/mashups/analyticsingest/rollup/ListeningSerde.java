package io.mashups.analyticsingest.rollup;

import io.mashups.events.EventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Listening sessions in the session store, in a compact binary form: the session window aggregation reads and rewrites
 * a whole session with each of its events, and as JSON that was a third of the rollups' CPU (bench/run.sh with a
 * profiler). A leading version byte tells it from the JSON sessions an older release stored (which start with
 * <code>{</code>); those are still read.
 */
final class ListeningSerde {
    private static final byte VERSION = 1;
    private static final int POSITION = 1;
    private static final int LENGTH = 2;
    private static final int END = 4;
    private static final int SOURCE = 8;
    private static final int COUNTRY = 16;

    private ListeningSerde() {}

    static Serde<Listening> serde() {
        Serializer<Listening> serializer = (topic, listening) -> listening == null ? null : write(listening);
        Deserializer<Listening> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(Listening listening) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(16 + listening.samples().size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(listening.samples().size());
            String source = null;
            String country = null;
            for (Sample sample : listening.samples()) {
                // a session's events nearly always share their source and country: written when they change
                boolean newSource = !Objects.equals(source, sample.source());
                boolean newCountry = !Objects.equals(country, sample.country());
                out.writeByte((sample.positionMs() != null ? POSITION : 0)
                        | (sample.lengthMs() != null ? LENGTH : 0)
                        | (sample.end() ? END : 0)
                        | (newSource ? SOURCE : 0)
                        | (newCountry ? COUNTRY : 0));
                out.writeLong(sample.at());
                out.writeUTF(sample.id());
                if (sample.positionMs() != null) {
                    out.writeLong(sample.positionMs());
                }
                if (sample.lengthMs() != null) {
                    out.writeLong(sample.lengthMs());
                }
                if (newSource) {
                    writeOptional(out, sample.source());
                    source = sample.source();
                }
                if (newCountry) {
                    writeOptional(out, sample.country());
                    country = sample.country();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Listening read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return EventJson.read(bytes, Listening.class);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("a listening session of unknown format " + version);
            }
            int count = in.readInt();
            List<Sample> samples = new ArrayList<>(count);
            String source = null;
            String country = null;
            for (int i = 0; i < count; i++) {
                int flags = in.readByte();
                long at = in.readLong();
                String id = in.readUTF();
                Long position = (flags & POSITION) != 0 ? in.readLong() : null;
                Long length = (flags & LENGTH) != 0 ? in.readLong() : null;
                if ((flags & SOURCE) != 0) {
                    source = readOptional(in);
                }
                if ((flags & COUNTRY) != 0) {
                    country = readOptional(in);
                }
                samples.add(new Sample(at, id, position, length, (flags & END) != 0, source, country));
            }
            return new Listening(List.copyOf(samples));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOptional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
