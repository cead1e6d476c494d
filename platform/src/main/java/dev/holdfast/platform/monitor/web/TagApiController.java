package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tags ({@code /api/monitor/v1/tags}): list, create or recolour by name, delete (takes the tag off every monitor). */
@RestController
@RequestMapping("/api/monitor/v1/tags")
class TagApiController {

    private final MonitorTags tags;

    TagApiController(MonitorTags tags) {
        this.tags = tags;
    }

    record TagInput(@Nullable String name, @Nullable String color) {}

    @GetMapping
    List<Tag> list() {
        return tags.tags();
    }

    @PutMapping
    Tag define(@RequestBody TagInput input) {
        return tags.define(input.name() == null ? "" : input.name(), input.color());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        tags.remove(id);
        return ResponseEntity.noContent().build();
    }
}
