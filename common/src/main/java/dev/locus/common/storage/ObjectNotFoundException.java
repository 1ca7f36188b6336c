package dev.locus.common.storage;

public class ObjectNotFoundException extends RuntimeException {
    public ObjectNotFoundException(String key) {
        super("no object " + key + " in storage");
    }
}
