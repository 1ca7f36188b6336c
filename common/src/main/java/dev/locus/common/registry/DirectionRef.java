package dev.locus.common.registry;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How clients point at a direction version: {@code name@3}, {@code name@alias}, a version id, or a
 * bare {@code name} for its newest version.
 */
public sealed interface DirectionRef {

    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A version id as the API prints it: 8-4-4-4-12 hex digits. */
    Pattern VERSION_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    record ById(UUID id) implements DirectionRef {}

    record ByVersion(String name, int version) implements DirectionRef {}

    record ByAlias(String name, String alias) implements DirectionRef {}

    record Latest(String name) implements DirectionRef {}

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    static DirectionRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a direction reference is empty");
        }
        // only the canonical form: UUID.fromString also takes short groups, so "a-b-c-d-e" would read as an id
        if (VERSION_ID.matcher(text).matches()) {
            return new ById(UUID.fromString(text));
        }
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        checkName(name, "direction name");
        if (at < 0) {
            return new Latest(name);
        }
        String suffix = text.substring(at + 1);
        if (suffix.matches("[0-9]{1,9}")) {
            int version = Integer.parseInt(suffix);
            if (version < 1) {
                throw new IllegalArgumentException("direction versions start at 1, got " + text);
            }
            return new ByVersion(name, version);
        }
        checkName(suffix, "alias");
        return new ByAlias(name, suffix);
    }

    static String checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' must be 1 to 100 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
        return name;
    }

    /** A direction's name, which a bare reference must reach: never in the form of a version id. */
    static String checkReferableName(String name, String what) {
        checkName(name, what);
        if (VERSION_ID.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' has the form of a version id, which a "
                    + "reference would read as one");
        }
        return name;
    }
}
