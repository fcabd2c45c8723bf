package io.mashups.trends.source;

import java.util.List;

/** A chart as fetched: its source and region, its entries in rank order, and how many malformed items were skipped. */
public record Chart(String source, String region, List<ChartItem> items, int skipped) {}
