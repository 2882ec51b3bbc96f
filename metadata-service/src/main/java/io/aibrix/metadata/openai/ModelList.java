package io.aibrix.metadata.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.lang.Nullable;

/** OpenAI's list shape: {@code {"object":"list","data":[...]}}. */
record ModelList(String object, List<Entry> data) {

    static ModelList of(List<Entry> data) {
        return new ModelList("list", data);
    }

    /**
     * One served model, as vLLM lists it; adapters carry their base model in {@code parent}, like vLLM's LoRA entries.
     *
     * @param created epoch seconds of the resource's creation
     */
    record Entry(String id, String object, long created,
            @JsonProperty("owned_by") String ownedBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String parent) {

        static final String OWNER = "aibrix";

        static Entry model(String id, long created) {
            return new Entry(id, "model", created, OWNER, null);
        }

        static Entry adapter(String id, long created, String parent) {
            return new Entry(id, "model", created, OWNER, parent);
        }
    }
}
