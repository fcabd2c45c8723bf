package io.mashups.media;

/** EBU R128 integrated loudness in LUFS and true peak in dBTP. */
public record Loudness(double integratedLufs, double truePeakDbtp) {}
