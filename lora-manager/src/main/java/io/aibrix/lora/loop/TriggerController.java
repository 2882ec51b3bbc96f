package io.aibrix.lora.loop;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /lora/v1/reconcile}: runs a round now (after the one in progress) and answers with its report. */
@RestController
@ConditionalOnProperty(name = "lora.reconcile.trigger-endpoint", matchIfMissing = true)
class TriggerController {

    private final ReconcileLoop loop;

    TriggerController(ReconcileLoop loop) {
        this.loop = loop;
    }

    @PostMapping("/lora/v1/reconcile")
    TickReport reconcile() {
        return loop.tick();
    }
}
