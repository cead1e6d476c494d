package dev.holdfast.backup.backend;

/** A listed file: its name and size in bytes. */
public record FileInfo(String name, long size) {}
