package io.mashups.analyticsingest.dashboard;

import io.mashups.analyticsingest.dashboard.Dashboard.DayPlays;
import io.mashups.analyticsingest.dashboard.Dashboard.Demographics;
import io.mashups.analyticsingest.dashboard.Dashboard.LocationCount;
import io.mashups.analyticsingest.dashboard.Dashboard.SourceCount;
import io.mashups.analyticsingest.dashboard.Dashboard.TopMashup;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the materialised rollups for a creator: their own mashups only (as the shared mashup projection says who owns
 * what), over a window clamped to their tier's analytics retention (billing's entitlements projection).
 */
@ApplicationScoped
public class DashboardService {
    /** The creator's mashup-days in the window: $1 creator, $2 first day, $3 last day. */
    private static final String OWN_DAYS = ownDays("");

    private final Pool pool;
    private final Entitlements entitlements;
    private final Clock clock;

    public DashboardService(Pool pool, Entitlements entitlements) {
        this.pool = pool;
        this.entitlements = entitlements;
        this.clock = Clock.systemUTC();
    }

    public Uni<Dashboard> dashboard(String creator, int days) {
        return window(creator, days).chain(window -> {
            Tuple own = Tuple.of(creator, window.from(), window.to());
            Uni<long[]> totals = pool.preparedQuery(
                            "SELECT coalesce(sum(d.plays), 0), coalesce(sum(d.likes), 0) " + OWN_DAYS)
                    .execute(own)
                    .map(rows -> {
                        Row row = rows.iterator().next();
                        return new long[] {row.getLong(0), row.getLong(1)};
                    });
            Uni<Long> followers = pool.preparedQuery(
                            "SELECT coalesce(sum(followers), 0) FROM creator_days WHERE creator_id = $1")
                    .execute(Tuple.of(creator))
                    .map(rows -> rows.iterator().next().getLong(0));
            Uni<List<TopMashup>> top = list(
                    "SELECT k.id, k.title, sum(d.plays) AS plays, sum(d.likes), sum(d.listened_ms) " + OWN_DAYS
                            + " GROUP BY k.id, k.title ORDER BY plays DESC, k.id LIMIT 5",
                    own,
                    row -> new TopMashup(
                            row.getString(0),
                            row.getString(1),
                            row.getLong(2),
                            row.getLong(3),
                            Math.round(row.getLong(4) / 100.0) / 10.0));
            Uni<List<DayPlays>> overTime =
                    list("""
                    SELECT g.day::date, coalesce(sum(d.plays), 0)
                    FROM generate_series($2::date, $3::date, interval '1 day') AS g(day)
                    LEFT JOIN (mashup_days d JOIN known_mashups k ON k.id = d.mashup_id AND k.owner_id = $1
                        AND NOT k.deleted) ON d.day = g.day::date
                    GROUP BY g.day ORDER BY g.day""", own, row -> new DayPlays(row.getLocalDate(0).toString(), row.getLong(1)));
            Uni<List<SourceCount>> sources =
                    counts("sources", own, row -> new SourceCount(row.getString(0), row.getLong(1)));
            Uni<List<LocationCount>> locations =
                    counts("countries", own, row -> new LocationCount(row.getString(0), row.getLong(1)));
            return Uni.combine()
                    .all()
                    .unis(totals, followers, top, overTime, sources, locations)
                    .with(figures -> {
                        long[] sums = (long[]) figures.get(0);
                        @SuppressWarnings("unchecked")
                        Dashboard dashboard = new Dashboard(
                                sums[0],
                                sums[1],
                                (Long) figures.get(1),
                                (List<TopMashup>) figures.get(2),
                                (List<DayPlays>) figures.get(3),
                                (List<SourceCount>) figures.get(4),
                                new Demographics(List.of(), (List<LocationCount>) figures.get(5)),
                                window);
                        return dashboard;
                    });
        });
    }

    public Uni<MashupStats> mashup(String caller, String mashupId, int days) {
        return pool.preparedQuery("SELECT owner_id FROM known_mashups WHERE id = $1 AND NOT deleted")
                .execute(Tuple.of(mashupId))
                .chain(rows -> {
                    // someone else's mashup is as unknown as a missing one: its existence is not for the caller
                    if (!rows.iterator().hasNext()
                            || !caller.equals(rows.iterator().next().getString(0))) {
                        return Uni.createFrom().failure(ProblemException.notFound("mashup", mashupId));
                    }
                    return window(caller, days);
                })
                .chain(window -> {
                    Uni<List<MashupStats.Day>> dayRows = list(
                            """
                            SELECT plays, sessions, listened_ms, length_ms, length_sessions, drop_off
                            FROM mashup_days WHERE mashup_id = $1 AND day BETWEEN $2 AND $3""",
                            Tuple.of(mashupId, window.from(), window.to()),
                            row -> new MashupStats.Day(
                                    row.getLong(0),
                                    row.getLong(1),
                                    row.getLong(2),
                                    row.getLong(3),
                                    row.getLong(4),
                                    Arrays.asList(row.getArrayOfLongs(5))));
                    Uni<Long> peak = pool.preparedQuery("""
                                    SELECT coalesce(max(listeners), 0) FROM mashup_minutes WHERE mashup_id = $1
                                    AND minute >= $2::date::timestamp AT TIME ZONE 'UTC'
                                    AND minute < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'""")
                            .execute(Tuple.of(mashupId, window.from(), window.to()))
                            .map(rows -> rows.iterator().next().getLong(0));
                    Uni<Long> listeners = pool.preparedQuery(
                                    "SELECT coalesce(max(listeners), 0) FROM mashup_listeners WHERE mashup_id = $1")
                            .execute(Tuple.of(mashupId))
                            .map(rows -> rows.iterator().next().getLong(0));
                    return Uni.combine()
                            .all()
                            .unis(dayRows, peak, listeners)
                            .with((list, busiest, unique) -> MashupStats.of(mashupId, list, busiest, unique, window));
                });
    }

    private Uni<Window> window(String user, int days) {
        return Panache.withSession(() -> entitlements.of(user))
                .map(granted -> Window.of(
                        LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                        days,
                        granted.limits().analyticsRetentionDays()));
    }

    /** A JSONB count column summed over the creator's mashup-days, largest first. */
    private <T> Uni<List<T>> counts(String column, Tuple own, Function<Row, T> mapper) {
        return list(
                "SELECT c.key, sum(c.value::bigint) AS n "
                        + ownDays("CROSS JOIN LATERAL jsonb_each_text(d." + column + ") AS c")
                        + " GROUP BY c.key ORDER BY n DESC, c.key LIMIT 50",
                own,
                mapper);
    }

    private static String ownDays(String join) {
        return "FROM mashup_days d " + join + " JOIN known_mashups k ON k.id = d.mashup_id"
                + " WHERE k.owner_id = $1 AND NOT k.deleted AND d.day BETWEEN $2 AND $3";
    }

    private <T> Uni<List<T>> list(String sql, Tuple arguments, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(arguments).map(rows -> {
            List<T> list = new ArrayList<>();
            rows.forEach(row -> list.add(mapper.apply(row)));
            return list;
        });
    }
}
