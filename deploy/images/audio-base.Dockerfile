# Base image of audio-pipeline's API pods: a Java 17 runtime with the native tools it shells out to.
# Jib builds the service on top of it (quarkus.jib.base-jvm-image); Jib itself cannot install packages.
#   docker build -f deploy/images/audio-base.Dockerfile -t ghcr.io/mashups/audio-base:1 .
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg libchromaprint-tools \
 && rm -rf /var/lib/apt/lists/*
USER 185
