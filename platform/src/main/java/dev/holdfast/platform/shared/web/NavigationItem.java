package dev.holdfast.platform.shared.web;

/**
 * An entry in the shell's main navigation; a module declares its entries as beans.
 *
 * @param label what the link says
 * @param path where it leads, absolute within Holdfast, e.g. {@code /crm}
 * @param order position from the left; lower first
 * @param adminOnly shown only to administrators
 */
public record NavigationItem(String label, String path, int order, boolean adminOnly) {}
