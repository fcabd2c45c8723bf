package io.mashups.audio.remix;

/**
 * What a mashup's owner lets others do with it (the seed plan's {@code remix_permissions}): remix it at all, whether
 * remixes must credit it, whether they may be used commercially. A remix is to keep the permissions as they were when it
 * began (its licence), whatever the owner changes later.
 */
public record RemixPermissions(boolean allowRemix, boolean requireAttribution, boolean allowCommercial) {
    /** The seed plan's defaults. */
    public static final RemixPermissions DEFAULTS = new RemixPermissions(true, true, false);
}
