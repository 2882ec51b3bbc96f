package io.aibrix.batch.openai;

import java.util.List;
import java.util.function.Function;

import org.springframework.lang.Nullable;

/**
 * OpenAI's cursor page {@code {"object":"list","data","first_id","last_id","has_more"}}. An empty page has null ids
 * and is still a 200: the SDKs' auto-pagination stops on {@code has_more=false}, not on an error.
 */
public record ListPage<T>(String object, List<T> data, @Nullable String firstId, @Nullable String lastId,
        boolean hasMore) {

    public ListPage {
        data = List.copyOf(data);
    }

    /** A page of {@code data} whose ids are read with {@code id}. */
    public static <T> ListPage<T> of(List<T> data, Function<T, String> id, boolean hasMore) {
        return new ListPage<>("list", data,
                data.isEmpty() ? null : id.apply(data.getFirst()),
                data.isEmpty() ? null : id.apply(data.getLast()),
                hasMore);
    }
}
