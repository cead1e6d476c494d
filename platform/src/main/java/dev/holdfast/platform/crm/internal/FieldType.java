package dev.holdfast.platform.crm.internal;

import java.util.Arrays;
import java.util.Optional;

/** EspoCRM's field types that the record store knows, by their EspoCRM names. */
enum FieldType {
    VARCHAR("varchar"), TEXT("text"), INT("int"), FLOAT("float"), CURRENCY("currency"), BOOL("bool"), DATE("date"),
    DATETIME("datetime"), ENUM("enum"), MULTI_ENUM("multiEnum"), EMAIL("email"), PHONE("phone"), URL("url"),
    ADDRESS("address"), PERSON_NAME("personName"), LINK("link"), LINK_MULTIPLE("linkMultiple"),
    LINK_PARENT("linkParent"), ATTACHMENT_MULTIPLE("attachmentMultiple"), AUTOINCREMENT("autoincrement"),
    JSON_ARRAY("jsonArray");

    private final String espoName;

    FieldType(String espoName) {
        this.espoName = espoName;
    }

    String espoName() {
        return espoName;
    }

    static Optional<FieldType> of(String espoName) {
        return Arrays.stream(values()).filter(type -> type.espoName.equals(espoName)).findFirst();
    }

    /** Link-like types get their columns from their link definition. */
    boolean isLink() {
        return this == LINK || this == LINK_MULTIPLE || this == LINK_PARENT;
    }
}
