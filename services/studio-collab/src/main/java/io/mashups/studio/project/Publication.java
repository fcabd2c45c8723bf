package io.mashups.studio.project;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A project sent to be rendered as a mashup: the sequence of the document rendered. */
@Schema(name = "Publication", example = """
        {"projectId": "9b0e6a4e-3a41-4e55-8f1f-52f0d0a5a0c1", "sequence": 42, "status": "rendering"}""")
public record Publication(String projectId, long sequence, String status) {}
