package io.mashups.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?page=&size=} of every list endpoint: page counts from 1, at most 100 items a page. */
public class PageQuery {
    @QueryParam("page")
    @DefaultValue("1")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = 100_000, message = "must be at most 100000")
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = 100, message = "must be at most 100")
    public int size;

    /** The zero-based index Panache's {@code Page} takes. */
    public int index() {
        return page - 1;
    }
}
