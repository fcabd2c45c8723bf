# Base image of audio-pipeline's API pods, captions and attribution: a Java 17 runtime with the native tools they shell out to
# (ffmpeg, fpcalc; espeak-ng and pocketsphinx for the local caption engines; espeak-ng, flite and rubberband for AI vocals).
# Jib builds the service on top of it (quarkus.jib.base-jvm-image); Jib itself cannot install packages.
#   docker build -f deploy/images/audio-base.Dockerfile -t ghcr.io/mashups/audio-base:3 .
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg libchromaprint-tools espeak-ng flite rubberband-cli pocketsphinx \
    pocketsphinx-en-us \
 && rm -rf /var/lib/apt/lists/*
USER 185
