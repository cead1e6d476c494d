package dev.holdfast.platform.crm.internal;

import static dev.holdfast.platform.crm.internal.FieldType.*;

import dev.holdfast.platform.crm.internal.LinkDef.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** EspoCRM's built-in CRM entity types, with EspoCRM's field and link names, seeded into the metadata at start. */
final class BuiltInEntities {

    static final List<String> PARENTS = List.of("Account", "Contact", "Lead", "Opportunity", "Case");

    private BuiltInEntities() {}

    static List<EntityDef> all() {
        return List.of(account(), contact(), lead(), opportunity(), kase(), task(), call(), meeting(), document(), note());
    }

    private static EntityDef account() {
        return new Builder("Account", List.of("name", "emailAddress"))
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("website", URL).maxLength(255))
                .field(FieldDef.of("emailAddress", EMAIL))
                .field(FieldDef.of("phoneNumber", PHONE))
                .field(FieldDef.of("type", ENUM).options("", "Customer", "Investor", "Partner", "Reseller").defaultValue(""))
                .field(FieldDef.of("industry", ENUM).options("", "Agriculture", "Banking", "Construction", "Education",
                        "Finance", "Healthcare", "Manufacturing", "Retail", "Software", "Technology", "Other").defaultValue(""))
                .field(FieldDef.of("sicCode", VARCHAR).maxLength(40))
                .field(FieldDef.of("billingAddress", ADDRESS))
                .field(FieldDef.of("shippingAddress", ADDRESS))
                .field(FieldDef.of("description", TEXT))
                .hasMany("contacts", "Contact", "account")
                .hasMany("opportunities", "Opportunity", "account")
                .hasMany("cases", "Case", "account")
                .children("tasks", "Task").children("calls", "Call").children("meetings", "Meeting")
                .build();
    }

    private static EntityDef contact() {
        return new Builder("Contact", List.of("name", "emailAddress"))
                .field(FieldDef.of("name", PERSON_NAME).asRequired())
                .field(FieldDef.of("salutationName", ENUM).options("", "Mr.", "Ms.", "Mrs.", "Dr."))
                .field(FieldDef.of("title", VARCHAR).maxLength(100))
                .field(FieldDef.of("emailAddress", EMAIL))
                .field(FieldDef.of("phoneNumber", PHONE))
                .field(FieldDef.of("address", ADDRESS))
                .field(FieldDef.of("doNotCall", BOOL).defaultValue(false))
                .field(FieldDef.of("description", TEXT))
                .belongsTo("account", "Account", "contacts")
                .manyMany("opportunities", "Opportunity", "contacts", "contactOpportunity", Map.of("role", "contactRole"))
                .manyMany("meetings", "Meeting", "contacts", "contactMeeting", Map.of("status", "acceptanceStatus"))
                .manyMany("calls", "Call", "contacts", "callContact", Map.of("status", "acceptanceStatus"))
                .children("tasks", "Task")
                .build();
    }

    private static EntityDef lead() {
        return new Builder("Lead", List.of("name", "emailAddress"))
                .field(FieldDef.of("name", PERSON_NAME).asRequired())
                .field(FieldDef.of("salutationName", ENUM).options("", "Mr.", "Ms.", "Mrs.", "Dr."))
                .field(FieldDef.of("title", VARCHAR).maxLength(100))
                .field(FieldDef.of("status", ENUM).options("New", "Assigned", "In Process", "Converted", "Recycled", "Dead")
                        .defaultValue("New").asAudited())
                .field(FieldDef.of("source", ENUM).options("", "Call", "Email", "Existing Customer", "Partner",
                        "Public Relations", "Web Site", "Campaign", "Other").defaultValue(""))
                .field(FieldDef.of("industry", VARCHAR).maxLength(100))
                .field(FieldDef.of("opportunityAmount", CURRENCY))
                .field(FieldDef.of("website", URL))
                .field(FieldDef.of("accountName", VARCHAR).maxLength(249))
                .field(FieldDef.of("emailAddress", EMAIL))
                .field(FieldDef.of("phoneNumber", PHONE))
                .field(FieldDef.of("address", ADDRESS))
                .field(FieldDef.of("doNotCall", BOOL).defaultValue(false))
                .field(FieldDef.of("description", TEXT))
                .belongsTo("createdAccount", "Account", null)
                .belongsTo("createdContact", "Contact", null)
                .belongsTo("createdOpportunity", "Opportunity", null)
                .manyMany("meetings", "Meeting", "leads", "leadMeeting", Map.of("status", "acceptanceStatus"))
                .build();
    }

    private static EntityDef opportunity() {
        return new Builder("Opportunity", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("amount", CURRENCY).asRequired().asAudited())
                .field(FieldDef.of("stage", ENUM).options("Prospecting", "Qualification", "Proposal", "Negotiation",
                        "Closed Won", "Closed Lost").defaultValue("Prospecting").asAudited())
                .field(FieldDef.of("probability", INT))
                .field(FieldDef.of("leadSource", ENUM).options("", "Call", "Email", "Existing Customer", "Partner",
                        "Public Relations", "Web Site", "Campaign", "Other").defaultValue(""))
                .field(FieldDef.of("closeDate", DATE).asRequired())
                .field(FieldDef.of("description", TEXT))
                .belongsTo("account", "Account", "opportunities")
                .manyManyField("contacts", "Contact", "opportunities", "contactOpportunity", Map.of("role", "opportunityRole"))
                .children("tasks", "Task").children("meetings", "Meeting")
                .build();
    }

    private static EntityDef kase() {
        return new Builder("Case", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("number", AUTOINCREMENT).asReadOnly())
                .field(FieldDef.of("status", ENUM).options("New", "Assigned", "Pending", "Closed", "Rejected", "Duplicate")
                        .defaultValue("New").asAudited())
                .field(FieldDef.of("priority", ENUM).options("Low", "Normal", "High", "Urgent").defaultValue("Normal"))
                .field(FieldDef.of("type", ENUM).options("", "Question", "Incident", "Problem").defaultValue(""))
                .field(FieldDef.of("description", TEXT))
                .field(FieldDef.of("attachments", ATTACHMENT_MULTIPLE))
                .belongsTo("account", "Account", "cases")
                .belongsTo("contact", "Contact", null)
                .children("tasks", "Task")
                .build();
    }

    private static EntityDef task() {
        return new Builder("Task", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("status", ENUM).options("Not Started", "Started", "Completed", "Canceled", "Deferred")
                        .defaultValue("Not Started").asAudited())
                .field(FieldDef.of("priority", ENUM).options("Low", "Normal", "High", "Urgent").defaultValue("Normal"))
                .field(FieldDef.of("dateStart", DATETIME))
                .field(FieldDef.of("dateEnd", DATETIME))
                .field(FieldDef.of("dateCompleted", DATETIME).asReadOnly())
                .field(FieldDef.of("description", TEXT))
                .field(FieldDef.of("attachments", ATTACHMENT_MULTIPLE))
                .parent()
                .build();
    }

    private static EntityDef call() {
        return new Builder("Call", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("status", ENUM).options("Planned", "Held", "Not Held").defaultValue("Planned").asAudited())
                .field(FieldDef.of("direction", ENUM).options("Outbound", "Inbound").defaultValue("Outbound"))
                .field(FieldDef.of("dateStart", DATETIME).asRequired())
                .field(FieldDef.of("dateEnd", DATETIME).asRequired())
                .field(FieldDef.of("reminders", JSON_ARRAY))
                .field(FieldDef.of("description", TEXT))
                .parent()
                .manyManyField("contacts", "Contact", "calls", "callContact", Map.of("status", "acceptanceStatus"))
                .build();
    }

    private static EntityDef meeting() {
        return new Builder("Meeting", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("status", ENUM).options("Planned", "Held", "Not Held").defaultValue("Planned").asAudited())
                .field(FieldDef.of("dateStart", DATETIME).asRequired())
                .field(FieldDef.of("dateEnd", DATETIME).asRequired())
                .field(FieldDef.of("isAllDay", BOOL).defaultValue(false))
                .field(FieldDef.of("location", VARCHAR).maxLength(255))
                .field(FieldDef.of("reminders", JSON_ARRAY))
                .field(FieldDef.of("description", TEXT))
                .parent()
                .manyManyField("contacts", "Contact", "meetings", "contactMeeting", Map.of("status", "acceptanceStatus"))
                .manyManyField("leads", "Lead", "meetings", "leadMeeting", Map.of("status", "acceptanceStatus"))
                .build();
    }

    private static EntityDef document() {
        return new Builder("Document", List.of())
                .field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                .field(FieldDef.of("status", ENUM).options("Active", "Draft", "Expired", "Canceled").defaultValue("Active"))
                .field(FieldDef.of("type", ENUM).options("", "Contract", "NDA", "EULA", "License Agreement").defaultValue(""))
                .field(FieldDef.of("publishDate", DATE))
                .field(FieldDef.of("expirationDate", DATE))
                .field(FieldDef.of("attachments", ATTACHMENT_MULTIPLE))
                .field(FieldDef.of("description", TEXT))
                .build();
    }

    private static EntityDef note() {
        return new Builder("Note", List.of())
                .field(FieldDef.of("post", TEXT))
                .field(FieldDef.of("type", ENUM).options("Post", "Create", "Update", "Status", "Assign", "Relate", "Unrelate")
                        .defaultValue("Post"))
                .field(FieldDef.of("data", TEXT).asReadOnly())
                .field(FieldDef.of("attachments", ATTACHMENT_MULTIPLE))
                .parent()
                .build();
    }

    /** Builds built-in and custom definitions; custom entities use it with a template. */
    static final class Builder {

        private final String name;
        private final List<String> duplicateCheck;
        private final List<FieldDef> fields = new ArrayList<>();
        private final List<LinkDef> links = new ArrayList<>();
        private boolean custom;

        Builder(String name, List<String> duplicateCheck) {
            this.name = name;
            this.duplicateCheck = duplicateCheck;
        }

        Builder custom() {
            custom = true;
            return this;
        }

        Builder field(FieldDef field) {
            fields.add(field);
            return this;
        }

        Builder belongsTo(String link, String entity, String foreign) {
            fields.add(FieldDef.of(link, LINK));
            links.add(new LinkDef(link, Kind.BELONGS_TO, entity, foreign, null, Map.of(), List.of(), false));
            return this;
        }

        /** A many-to-many link with a linkMultiple field of the same name ({@code contactsIds}, {@code contactsNames}). */
        Builder manyManyField(String link, String entity, String foreign, String relation, Map<String, String> columns) {
            fields.add(FieldDef.of(link, LINK_MULTIPLE));
            return manyMany(link, entity, foreign, relation, columns);
        }

        Builder hasMany(String link, String entity, String foreign) {
            links.add(new LinkDef(link, Kind.HAS_MANY, entity, foreign, null, Map.of(), List.of(), false));
            return this;
        }

        Builder manyMany(String link, String entity, String foreign, String relation, Map<String, String> columns) {
            links.add(new LinkDef(link, Kind.MANY_MANY, entity, foreign, relation, columns, List.of(), false));
            return this;
        }

        Builder parent() {
            fields.add(FieldDef.of("parent", LINK_PARENT));
            links.add(new LinkDef("parent", Kind.BELONGS_TO_PARENT, null, null, null, Map.of(), PARENTS, false));
            return this;
        }

        Builder children(String link, String entity) {
            links.add(new LinkDef(link, Kind.HAS_CHILDREN, entity, "parent", null, Map.of(), List.of(), false));
            return this;
        }

        EntityDef build() {
            return new EntityDef(name, Names.table(name), custom, true, duplicateCheck, fields, links);
        }
    }
}
