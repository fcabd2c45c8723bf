# Base image of audio-pipeline's GPU workers: CUDA runtime, a Java 17 runtime, ffmpeg, and Demucs with the htdemucs
# weights baked in (the pods need no internet and run with a read-only root filesystem).
# Jib builds audio-pipeline on top of it: deploy/images/build-image.sh audio-worker.
#   docker build -f deploy/images/audio-worker.Dockerfile -t ghcr.io/mashups/audio-worker-base:3 .
FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
ENV DEBIAN_FRONTEND=noninteractive \
    TORCH_HOME=/opt/torch \
    PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ffmpeg libchromaprint-tools espeak-ng flite \
    rubberband-cli python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
RUN pip3 install torch==2.4.1 torchaudio==2.4.1 --index-url https://download.pytorch.org/whl/cu124 \
 && pip3 install demucs==4.0.1 \
 && python3 -c "from demucs.pretrained import get_model; get_model('htdemucs')" \
 && chmod -R a+rX /opt/torch
USER 185
