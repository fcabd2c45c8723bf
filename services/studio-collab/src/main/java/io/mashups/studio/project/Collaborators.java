package io.mashups.studio.project;

import java.util.List;

/** A project's members as the studio shows them: the seed plan's {@code {users: [...]}}. */
public record Collaborators(List<Collaborator> users) {}
