package dev.holdfast.platform.crm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.crm.web.Views.Change;
import dev.holdfast.platform.crm.web.Views.Segment;
import dev.holdfast.platform.crm.web.Views.StreamItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamViewsUnitTests {

    @Test
    void marksMentionsButNotEmailAddresses() {
        assertThat(StreamViews.segments("Hi @bob, mail jane@acme.test or ask @carol.smith")).containsExactly(
                new Segment("Hi ", false), new Segment("@bob", true), new Segment(", mail jane@acme.test or ask ", false),
                new Segment("@carol.smith", true));
        assertThat(StreamViews.segments("")).isEmpty();
    }

    @Test
    void saysWhatChangedFromWhatToWhat() {
        StreamItem update = StreamViews.item("Account", Map.of("id", "n1", "type", "Update", "createdByName", "Ann",
                "createdAt", "2030-01-31 10:00:00", "data", Map.of("fields", List.of("industry"),
                        "attributes", Map.of("was", Map.of(), "became", Map.of("industry", "Retail")))), Map.of());
        assertThat(update.author()).isEqualTo("Ann");
        assertThat(update.summary()).isEqualTo("changed this Account");
        assertThat(update.changes()).containsExactly(new Change("Industry", "(empty)", "Retail"));
        assertThat(update.at()).isEqualTo("2030-01-31 10:00:00 UTC");

        StreamItem related = StreamViews.item("Account", Map.of("id", "n2", "type", "Relate",
                "data", Map.of("link", "contacts", "relatedType", "Contact", "relatedId", "c1")), Map.of());
        assertThat(related.author()).as("a note without a known author").isEqualTo("Someone");
        assertThat(related.summary()).isEqualTo("linked this Account with");
        assertThat(related.link().href()).isEqualTo("/crm/Contact/c1");

        StreamItem post = StreamViews.item("Case", Map.of("id", "n3", "type", "Post", "post", "See attached",
                "attachmentsIds", List.of("a1", "a2")), Map.of("a1", "offer.pdf"));
        assertThat(post.files()).extracting(Views.Link::label).containsExactly("offer.pdf", "attachment");
        assertThat(post.files().get(0).href()).isEqualTo("/api/v1/Attachment/file/a1");
    }
}
